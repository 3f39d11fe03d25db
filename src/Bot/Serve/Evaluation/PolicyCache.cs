using System.Collections.Concurrent;
using Bot.GitHub.Rest;
using Bot.GitHub.Webhooks.Payloads;

namespace Bot.Serve.Evaluation;

/// <summary>
/// Where there is no policy file: GitHub's 404 for the repository's file (per installation + repository + branch) and for
/// the owner's <c>.github</c> file (per installation + owner). A 404 has no ETag, so without this memory every evaluation of
/// a repository without a policy file paid two rate-limited calls. A file that exists is never kept here: it is read at
/// every evaluation (policy.md §1), a conditional request that GitHub answers with a free 304 while the file is unchanged.
/// An absence is forgotten when a push says the file may have been added:
/// <list type="bullet">
/// <item>a push to that branch whose commits add, remove or modify <see cref="PolicyResolver.PolicyPath"/>;</item>
/// <item>a push that cannot tell: a force push, a created or deleted branch, no commits, 2,048 commits (the payload may be
/// cut off), or a commit without its file lists;</item>
/// <item>for the owner's entry, such a push to the default branch of <c>{owner}/.github</c>.</item>
/// </list>
/// and at the latest after <see cref="AbsenceLifetime"/>: a lost push delivery, or an owner's <c>.github</c> repository the
/// App is not installed on (GitHub sends no push for it), costs at most that long on the fallback policy. A read that
/// started before an invalidation is not kept, so an evaluation racing the push cannot put the old absence back.
/// </summary>
public sealed class PolicyCache(TimeProvider clock)
{
    /// <summary>How long "there is no policy file here" is believed without a push saying otherwise.</summary>
    public static readonly TimeSpan AbsenceLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Beyond this many remembered absences the memory starts afresh (the next evaluations read again).</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _absentUntil = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The policy file of <paramref name="repo"/> at <paramref name="branch"/>, read with <paramref name="read"/>
    /// (null: GitHub answered 404); no call while its absence is remembered.</summary>
    public Task<RepositoryFile?> BranchFileAsync(long installationId, string owner, string repo, string branch, Func<Task<RepositoryFile?>> read) =>
        ReadAsync(BranchKey(installationId, owner, repo, branch), read);

    /// <summary>The policy file of the owner's <c>.github</c> repository (its default branch), likewise.</summary>
    public Task<RepositoryFile?> OwnerFileAsync(long installationId, string owner, Func<Task<RepositoryFile?>> read) =>
        ReadAsync(OwnerKey(installationId, owner), read);

    /// <summary>Forgets the absences <paramref name="push"/> may have ended; called before the push's delivery does anything else.</summary>
    public void Observe(long installationId, PushEvent push)
    {
        const string heads = "refs/heads/";
        if (push.Repository is not { } repository || !push.Ref.StartsWith(heads, StringComparison.Ordinal) || !MayChangePolicy(push))
            return;
        var branch = push.Ref[heads.Length..];
        var owner = repository.FullName.Split('/')[0];
        Interlocked.Increment(ref _generation);
        _absentUntil.TryRemove(BranchKey(installationId, owner, repository.Name, branch), out _);
        if (string.Equals(repository.Name, ".github", StringComparison.OrdinalIgnoreCase)
            && (repository.DefaultBranch is null || repository.DefaultBranch == branch))
        {
            _absentUntil.TryRemove(OwnerKey(installationId, owner), out _);
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

    private async Task<RepositoryFile?> ReadAsync(string key, Func<Task<RepositoryFile?>> read)
    {
        if (_absentUntil.TryGetValue(key, out var until) && until > clock.GetUtcNow())
            return null;

        var generation = Interlocked.Read(ref _generation);
        var file = await read();
        if (file is not null)
        {
            _absentUntil.TryRemove(key, out _);
            return file;
        }
        if (_absentUntil.Count >= MaxEntries)
            _absentUntil.Clear(); // rare; the next evaluations read again
        _absentUntil[key] = clock.GetUtcNow() + AbsenceLifetime;
        // A push observed while reading may have added the file after GitHub answered: do not keep that answer.
        if (Interlocked.Read(ref _generation) != generation)
            _absentUntil.TryRemove(key, out _);
        return null;
    }

    // GitHub names are case-insensitive; branch names are not.
    private static string BranchKey(long installationId, string owner, string repo, string branch) =>
        $"{installationId}\n{owner.ToLowerInvariant()}/{repo.ToLowerInvariant()}\n{branch}";

    private static string OwnerKey(long installationId, string owner) => $"{installationId}\n{owner.ToLowerInvariant()}";
}
