using Bot.Core.Model;
using Bot.GitHub.Rest;
using Bot.Serve.Evaluation;

namespace Bot.Population;

/// <summary>How a pull request's commits reached its base branch.</summary>
public enum MergeMethod
{
    /// <summary>A merge commit: it and the branch's commits landed.</summary>
    Merge,

    /// <summary>One new commit holding the whole change.</summary>
    Squash,

    /// <summary>Copies of the branch's commits on top of the base tip.</summary>
    Rebase,
}

/// <summary>The commits a merge added to the base branch, oldest first, and the base tip they were added on.</summary>
public sealed record LandedCommits(MergeMethod Method, string? TipBefore, IReadOnlyList<CommitInfo> Commits);

/// <summary>
/// The commits that landed for a merged pull request (policy.md §5), found from the merge itself and never from the
/// <c>closed</c> payload's <c>base.sha</c>, which GitHub reports stale (other pull requests' commits would count) or
/// already moved to the new tip (nothing would). Everything is read from GitHub as it stands, so the answer is the same
/// whichever delivery (the <c>closed</c> one or the push) asks first, and however many pull requests one push landed:
/// <list type="bullet">
/// <item>a merge commit (two parents) added <c>compare(first parent...merge commit)</c>: itself and the branch's commits
/// (in a merge queue's push, the previous pull request's merge commit is that first parent);</item>
/// <item>a commit with one parent is the squash commit or the last rebased copy. A copy keeps its original's message and
/// author, and copies land in the branch's order, so walking first parents back while each commit copies one of the pull
/// request's commits (newest to oldest) finds them all; the first commit that copies none is the tip before the merge.
/// A merge commit sha that copies nothing is a squash commit and landed alone.</item>
/// </list>
/// </summary>
public static class LandedCommitsFinder
{
    /// <param name="originals">The pull request's commits when the bot already holds them (read when it evaluated the head
    /// that merged); null: read from GitHub when the method needs them (squash or rebase).</param>
    public static async Task<LandedCommits> FindAsync(IGitHubInstallationClient client, PullRequestKey key, string mergeCommitSha,
        IReadOnlyList<CommitInfo>? originals, CancellationToken cancellationToken)
    {
        // The history listing from the merge commit gives it with its parents and, for a rebase, the copies below it.
        await using var walk = new FirstParentWalk(client, key, mergeCommitSha, cancellationToken);
        var merged = await walk.StartAsync();
        if (merged.Parents.Count > 1)
        {
            var added = await client.CompareAsync(key.Owner, key.Repo, merged.Parents[0], merged.Sha, cancellationToken);
            return new LandedCommits(MergeMethod.Merge, merged.Parents[0], added.Commits);
        }

        // A rebase merge drops the branch's merge commits (git rebase linearises), so only the others have copies.
        var copied = (originals ?? await client.ListPullRequestCommitsAsync(key.Owner, key.Repo, key.Number, cancellationToken))
            .Where(c => !c.IsMerge).ToList();
        var copies = new List<CommitInfo>();
        var unmatched = copied.Count; // copies match copied[0 .. unmatched) from the newest down
        var current = merged;
        while (true)
        {
            var match = unmatched == 0 ? -1 : copied.FindLastIndex(unmatched - 1, unmatched, o => IsCopyOf(current.Commit, o));
            if (match < 0)
                break;
            copies.Add(current.Commit);
            unmatched = match;
            if (current.Parents.Count == 0 || unmatched == 0)
            {
                copies.Reverse();
                return new LandedCommits(MergeMethod.Rebase, current.Parents.Count == 0 ? null : current.Parents[0], copies);
            }
            current = await walk.ParentAsync(current);
        }

        if (copies.Count == 0)
            return new LandedCommits(MergeMethod.Squash, merged.Parents.Count == 0 ? null : merged.Parents[0], [merged.Commit]);
        copies.Reverse();
        return new LandedCommits(MergeMethod.Rebase, current.Sha, copies);
    }

    /// <summary>A rebased copy has its original's message and git author; the committer and the parents are new.</summary>
    internal static bool IsCopyOf(CommitInfo candidate, CommitInfo original) =>
        string.Equals(candidate.Message, original.Message, StringComparison.Ordinal)
        && string.Equals(candidate.Author.Name, original.Author.Name, StringComparison.Ordinal)
        && string.Equals(candidate.Author.Email, original.Author.Email, StringComparison.OrdinalIgnoreCase);
}
