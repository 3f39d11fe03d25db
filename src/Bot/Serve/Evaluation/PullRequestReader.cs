using Bot.Core.Model;
using Bot.GitHub.Rest;

namespace Bot.Serve.Evaluation;

/// <summary>What one evaluation read of a pull request: its commits end at <see cref="PullRequest"/>'s head SHA and every
/// list was read while that was the head.</summary>
public sealed record PullRequestSnapshot(
    PullRequestInfo PullRequest, IReadOnlyList<CommitInfo> Commits, IReadOnlyList<ReviewInfo> Reviews, IReadOnlyList<ChangedFile> Files);

/// <summary>The head moved on every read of an evaluation: the attempt fails (and the delivery is retried) rather than
/// judge commits of one head together with files of another.</summary>
public sealed class PullRequestMovedException(string message) : Exception(message);

/// <summary>Reads a pull request's commits, reviews and changed files so that a decision is made on complete inputs of one
/// head, never on a prefix or a mix (policy.md §1 "Complete inputs or no verdict").
/// <list type="bullet">
/// <item>Commits: GitHub's pull request list stops at 250. When the pull request has more, they are read from
/// <c>compare {base.sha}...{head.sha}</c>, paged, which has no such cap and is pinned to the head that was read.</item>
/// <item>Files: GitHub's list stops at 3,000 and nothing lists the rest; the evaluator compares what was read with the
/// pull request's <c>changed_files</c> and fails "Too large to judge".</item>
/// <item>Head moves: files carry no commit, so they are read before the commits, and the commits must end at the head
/// the pull request showed before both. A head only moves on, so a list that still ends there shows that the head did not
/// move while the files were read. Commits read through compare end at the head whatever the head is now: then the pull
/// request is read again after the lists (an ETag makes that a free 304 when nothing changed). When the head moved,
/// everything is read again from the newer head, at most <see cref="MaxReads"/> times in one attempt.</item>
/// <item>A head read completely before is not read again (<see cref="HeadInputsCache"/>): only its reviews are.</item>
/// </list></summary>
public static class PullRequestReader
{
    /// <summary>GitHub's cap on <c>GET /repos/{o}/{r}/pulls/{n}/commits</c> (github-api-notes §4.2).</summary>
    public const int PullRequestCommitsCap = 250;

    public const int MaxReads = 3;

    /// <param name="first">The pull request as just read; its head is the one the lists must belong to.</param>
    public static async Task<PullRequestSnapshot> ReadAsync(IGitHubInstallationClient client, PullRequestKey key, PullRequestInfo first,
        HeadInputsCache heads, ILogger logger, CancellationToken cancellationToken)
    {
        var pullRequest = first;
        for (var read = 1; ; read++)
        {
            // Independent reads run in parallel; any failure fails the whole evaluation (never a partial success).
            var reviews = client.ListPullRequestReviewsAsync(key.Owner, key.Repo, key.Number, cancellationToken);
            if (heads.Find(key, pullRequest) is { } known)
                return new PullRequestSnapshot(pullRequest, known.Commits, await reviews, known.Files);

            var files = client.ListPullRequestFilesAsync(key.Owner, key.Repo, key.Number, cancellationToken);
            await Task.WhenAll(reviews, files);
            var (commits, pinned) = await ReadCommitsAsync(client, key, pullRequest, cancellationToken);
            var endsAtHead = EndsAt(commits, pullRequest);
            var after = pinned || !endsAtHead
                ? await client.GetPullRequestAsync(key.Owner, key.Repo, key.Number, cancellationToken)
                : pullRequest;
            if (endsAtHead && after.HeadSha == pullRequest.HeadSha)
            {
                heads.Remember(key, after, commits, await files);
                return new PullRequestSnapshot(after, commits, await reviews, await files);
            }

            if (read == MaxReads)
            {
                throw new PullRequestMovedException(
                    $"the head of {key} moved during each of {MaxReads} reads (last {Short(pullRequest.HeadSha)} -> {Short(after.HeadSha)}); " +
                    "no decision on a mix of heads, the delivery is retried");
            }
            logger.LogInformation("The head of {PullRequest} moved while it was read ({HeadSha} -> {NewHeadSha}); reading it again",
                key.ToString(), pullRequest.HeadSha, after.HeadSha);
            pullRequest = after;
        }
    }

    /// <summary>The pull request's commits: its own list, or when that cannot hold them all, <c>base.sha...head.sha</c>
    /// (<c>Pinned</c>: that list ends at the head whether or not it is still the pull request's head).</summary>
    private static async Task<(IReadOnlyList<CommitInfo> Commits, bool Pinned)> ReadCommitsAsync(IGitHubInstallationClient client, PullRequestKey key,
        PullRequestInfo pullRequest, CancellationToken cancellationToken)
    {
        IReadOnlyList<CommitInfo>? listed = null;
        if (pullRequest.CommitCount is not > PullRequestCommitsCap)
        {
            listed = await client.ListPullRequestCommitsAsync(key.Owner, key.Repo, key.Number, cancellationToken);
            if (pullRequest.CommitCount is not { } total || listed.Count >= total)
                return (listed, false);
        }
        if (pullRequest.BaseSha is not { } baseSha)
            // Nothing to compare from: what the list holds is judged, and the evaluator names what is missing.
            return (listed ?? await client.ListPullRequestCommitsAsync(key.Owner, key.Repo, key.Number, cancellationToken), false);
        return ((await client.CompareAsync(key.Owner, key.Repo, baseSha, pullRequest.HeadSha, cancellationToken)).Commits, true);
    }

    /// <summary>Whether <paramref name="commits"/> are the history of the pull request's head: it is among them and no other
    /// commit of the list is newer than it, i.e. it is the only one no listed commit names as a parent. Independent of the
    /// order GitHub lists them in. Without parent SHAs only the newest-last order can be checked.</summary>
    internal static bool EndsAt(IReadOnlyList<CommitInfo> commits, PullRequestInfo pullRequest)
    {
        var headSha = pullRequest.HeadSha;
        if (commits.Count == 0)
            return pullRequest.CommitCount == 0;
        if (commits.Any(c => c.ParentShas is null))
            return commits[^1].Sha == headSha;
        var parents = new HashSet<string>(commits.SelectMany(c => c.ParentShas!), StringComparer.Ordinal);
        var tips = commits.Where(c => !parents.Contains(c.Sha)).Select(c => c.Sha).Distinct(StringComparer.Ordinal).ToList();
        return tips is [var tip] && tip == headSha;
    }

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
