using Bot.Core.Model;
using Microsoft.Extensions.Caching.Memory;

namespace Bot.Serve.Evaluation;

/// <summary>The commits and changed files of a pull request's head as one evaluation read them completely (commits ending
/// at that head, files read while it was the head), with the counts the pull request stated then.</summary>
public sealed record HeadInputs(string BaseRef, int? CommitCount, int? ChangedFileCount, IReadOnlyList<CommitInfo> Commits, IReadOnlyList<ChangedFile> Files);

/// <summary>
/// A head SHA's commits and files do not change, so a re-evaluation of the same head (after a review, a comment, an edit
/// of the body) does not read them again. They do depend on the base (a retarget, or a base that took in some of the
/// commits, changes what the pull request holds), so an entry serves only a pull request with the same base ref and the
/// same <c>commits</c> and <c>changed_files</c> counts it was read with; anything else reads again. Bounded: at most
/// <see cref="MaxCommitsAndFiles"/> commits and files in all, the least recently used dropped first.
/// </summary>
public sealed class HeadInputsCache : IDisposable
{
    public const int MaxCommitsAndFiles = 500_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCommitsAndFiles });

    /// <summary>What an earlier evaluation read for this head, when it fits <paramref name="pullRequest"/>.</summary>
    public HeadInputs? Find(PullRequestKey key, PullRequestInfo pullRequest) =>
        _cache.TryGetValue(Key(key, pullRequest.HeadSha), out HeadInputs? inputs) && inputs is not null
        && inputs.BaseRef == pullRequest.BaseRef && inputs.CommitCount == pullRequest.CommitCount && inputs.ChangedFileCount == pullRequest.ChangedFileCount
            ? inputs
            : null;

    /// <summary>The commits an earlier evaluation read for pull request <c>key.Number</c> at <paramref name="headSha"/> against
    /// <paramref name="baseRef"/>: after its merge, the commits that merge took in (their copies, for a squash or rebase).</summary>
    public IReadOnlyList<CommitInfo>? CommitsOf(PullRequestKey key, string headSha, string baseRef) =>
        _cache.TryGetValue(Key(key, headSha), out HeadInputs? inputs) && inputs is not null && inputs.BaseRef == baseRef ? inputs.Commits : null;

    public void Remember(PullRequestKey key, PullRequestInfo pullRequest, IReadOnlyList<CommitInfo> commits, IReadOnlyList<ChangedFile> files)
    {
        var inputs = new HeadInputs(pullRequest.BaseRef, pullRequest.CommitCount, pullRequest.ChangedFileCount, commits, files);
        _cache.Set(Key(key, pullRequest.HeadSha), inputs,
            new MemoryCacheEntryOptions { Size = Math.Max(1, commits.Count + files.Count), SlidingExpiration = TimeSpan.FromHours(6) });
    }

    public void Dispose() => _cache.Dispose();

    private static string Key(PullRequestKey key, string headSha) =>
        $"{key.InstallationId}\n{key.Repository.ToLowerInvariant()}\n{key.Number}\n{headSha}";
}
