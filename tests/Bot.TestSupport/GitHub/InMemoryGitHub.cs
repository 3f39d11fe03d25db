using System.Collections.Concurrent;
using Bot.GitHub;
using Bot.GitHub.Rest;

namespace Bot.TestSupport.GitHub;

/// <summary>An in-memory GitHub for host tests: repositories built with <see cref="Repository"/>, a client per installation,
/// every call in <see cref="Calls"/> (e.g. <c>GET octo/app pulls/1</c>), and a <see cref="Fault"/> hook to fail calls the way
/// GitHub does. Handler and scheduler behaviour is then tested in milliseconds, without HTTP.</summary>
public sealed class InMemoryGitHub : IInstallationClientFactory
{
    private readonly ConcurrentDictionary<string, FakeRepository> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentQueue<long> _forgotten = new();

    /// <summary>The installations <see cref="ListInstallationIdsAsync"/> lists.</summary>
    public List<long> Installations { get; } = [1];

    /// <summary>Asked before every call with its log line; an exception returned is thrown instead of answering.</summary>
    public Func<string, Exception?>? Fault { get; set; }

    /// <summary>Awaited before every call is answered (after it is logged): lets a test hold a call in flight.</summary>
    public Func<string, Task>? Gate { get; set; }

    public IReadOnlyList<string> Calls => [.. _calls];

    public IReadOnlyList<long> Forgotten => [.. _forgotten];

    /// <summary>How many calls were made whose log line starts with <paramref name="prefix"/>.</summary>
    public int CallCount(string prefix) => _calls.Count(call => call.StartsWith(prefix, StringComparison.Ordinal));

    public FakeRepository Repository(string fullName, string defaultBranch = "main") =>
        _repositories.GetOrAdd(fullName, name => new FakeRepository(name, defaultBranch));

    public IEnumerable<FakeRepository> Repositories => _repositories.Values;

    public IGitHubInstallationClient ForInstallation(long installationId) => new InMemoryInstallationClient(this, installationId);

    public Task<IReadOnlyList<long>> ListInstallationIdsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<long>>([.. Installations]);

    public void ForgetInstallation(long installationId) => _forgotten.Enqueue(installationId);

    internal FakeRepository Existing(string owner, string repo) =>
        _repositories.TryGetValue($"{owner}/{repo}", out var repository)
            ? repository
            : throw new GitHubApiException(404, "GET", $"/repos/{owner}/{repo}", "Not Found");

    internal async Task CallAsync(string call)
    {
        _calls.Enqueue(call);
        if (Fault?.Invoke(call) is { } error)
            throw error;
        if (Gate is { } gate)
            await gate(call);
    }
}
