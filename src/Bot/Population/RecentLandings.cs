using Microsoft.Extensions.Caching.Memory;

namespace Bot.Population;

/// <summary>Which pull request this process recorded a landed commit for, so that the other delivery of the same merge (the
/// push after the <c>closed</c> one) finds it without asking GitHub "pull requests for a commit". Only a hint: the change
/// log says what is recorded. Another process, or one restarted since, asks GitHub as before.</summary>
internal sealed class RecentLandings : IDisposable
{
    private const int MaxCommits = 200_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCommits });

    public void Remember(string repository, string branch, int number, IEnumerable<string> commitShas)
    {
        foreach (var sha in commitShas)
            _cache.Set(Key(repository, branch, sha), number, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(6) });
    }

    public int? PullRequestOf(string repository, string branch, string commitSha) =>
        _cache.TryGetValue(Key(repository, branch, commitSha), out int number) ? number : null;

    public void Dispose() => _cache.Dispose();

    private static string Key(string repository, string branch, string sha) => $"{repository.ToLowerInvariant()}\n{branch}\n{sha}";
}
