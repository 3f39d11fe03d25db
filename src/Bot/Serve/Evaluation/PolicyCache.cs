using System.Collections.Concurrent;
using Bot.GitHub.Rest;
using Bot.GitHub.Webhooks.Payloads;

namespace Bot.Serve.Evaluation;

/// <summary>
/// The policy files as GitHub last answered for them (the file, or its absence: a 404 has no ETag, so without this every
/// evaluation of a repository without a policy file paid two calls). Kept per installation + repository + branch, and per
/// installation + owner for the owner's <c>.github</c> repository, until a push says the file may have changed:
/// <list type="bullet">
/// <item>a push to that branch whose commits add, remove or modify <see cref="PolicyResolver.PolicyPath"/>;</item>
/// <item>a push that cannot tell: a force push, a created or deleted branch, no commits, 2,048 commits (the payload may be
/// cut off), or a commit without its file lists;</item>
/// <item>for the owner's entry, such a push to the default branch of <c>{owner}/.github</c>.</item>
/// </list>
/// A lifetime (<see cref="BranchLifetime"/>, <see cref="OwnerLifetime"/>) bounds what a lost push delivery could leave stale,
/// and covers an owner's <c>.github</c> repository the App is not installed on (GitHub sends no push for it). A read that
/// started before an invalidation is not kept, so an evaluation racing the push cannot put the old file back.
/// </summary>
public sealed class PolicyCache(TimeProvider clock)
{
    public static readonly TimeSpan BranchLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan OwnerLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Beyond this many entries the oldest reads are dropped (each is at most one policy file).</summary>
    public const int MaxEntries = 10_000;

    private sealed record Entry(RepositoryFile? File, DateTimeOffset Until);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The policy file of <paramref name="repo"/> at <paramref name="branch"/>: from the cache, else read with
    /// <paramref name="read"/> (null: GitHub answered 404) and kept.</summary>
    public Task<RepositoryFile?> BranchFileAsync(long installationId, string owner, string repo, string branch, Func<Task<RepositoryFile?>> read) =>
        GetAsync(BranchKey(installationId, owner, repo, branch), BranchLifetime, read);

    /// <summary>The policy file of the owner's <c>.github</c> repository (its default branch), likewise.</summary>
    public Task<RepositoryFile?> OwnerFileAsync(long installationId, string owner, Func<Task<RepositoryFile?>> read) =>
        GetAsync(OwnerKey(installationId, owner), OwnerLifetime, read);

    /// <summary>Forgets what <paramref name="push"/> may have changed; called before the push's delivery does anything else.</summary>
    public void Observe(long installationId, PushEvent push)
    {
        const string heads = "refs/heads/";
        if (push.Repository is not { } repository || !push.Ref.StartsWith(heads, StringComparison.Ordinal) || !MayChangePolicy(push))
            return;
        var branch = push.Ref[heads.Length..];
        var owner = repository.FullName.Split('/')[0];
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(BranchKey(installationId, owner, repository.Name, branch), out _);
        if (string.Equals(repository.Name, ".github", StringComparison.OrdinalIgnoreCase)
            && (repository.DefaultBranch is null || repository.DefaultBranch == branch))
        {
            _entries.TryRemove(OwnerKey(installationId, owner), out _);
        }
    }

    /// <summary>Whether the push touches the policy path, or is one whose payload cannot tell.</summary>
    public static bool MayChangePolicy(PushEvent push)
    {
        if (push.Forced || push.Created || push.Deleted || push.Commits.Count == 0 || push.Commits.Count >= Population.ChangeRecorder.PayloadCommitLimit)
            return true;
        return push.Commits.Any(c => c.Added is null || c.Removed is null || c.Modified is null
            || c.Added.Contains(PolicyResolver.PolicyPath, StringComparer.Ordinal)
            || c.Removed.Contains(PolicyResolver.PolicyPath, StringComparer.Ordinal)
            || c.Modified.Contains(PolicyResolver.PolicyPath, StringComparer.Ordinal));
    }

    private async Task<RepositoryFile?> GetAsync(string key, TimeSpan lifetime, Func<Task<RepositoryFile?>> read)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Until > now)
            return entry.File;

        var generation = Interlocked.Read(ref _generation);
        var file = await read();
        if (_entries.Count >= MaxEntries)
            _entries.Clear(); // rare; the next evaluations read again
        _entries[key] = new Entry(file, now + lifetime);
        // A push observed while reading may have changed the file after GitHub answered: do not keep that answer.
        if (Interlocked.Read(ref _generation) != generation)
            _entries.TryRemove(key, out _);
        return file;
    }

    // GitHub names are case-insensitive; branch names are not.
    private static string BranchKey(long installationId, string owner, string repo, string branch) =>
        $"{installationId}\n{owner.ToLowerInvariant()}/{repo.ToLowerInvariant()}\n{branch}";

    private static string OwnerKey(long installationId, string owner) => $"{installationId}\n{owner.ToLowerInvariant()}";
}
