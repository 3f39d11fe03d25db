using Bot.Core.Model;

namespace Bot.Population;

/// <summary>
/// The commits that landed for a merged pull request, read from the push that landed it when that push landed it alone
/// (policy.md §5: from the merge itself, the push whose <c>after</c> is the merge commit): its <c>after</c> is the pull
/// request's merge commit, and every other commit it brought is one of the pull request's commits (a merge: the branch's
/// own commits, same SHA) or a copy of one (a rebase: same message and author, each original copied once). Then the push
/// brought exactly what the merge added, and no call to GitHub is needed to tell. Any other push (a merge queue landing
/// several pull requests, a commit that is not the pull request's, a push that ends elsewhere) gives null, and the commit
/// graph decides (<see cref="LandedCommitsFinder"/>).
/// </summary>
internal static class PushLanding
{
    /// <param name="originals">The pull request's commits as read at the head that merged.</param>
    public static IReadOnlyList<CommitInfo>? Find(string mergeCommitSha, string after, IReadOnlyList<CommitInfo> pushed, IReadOnlyList<CommitInfo> originals)
    {
        if (!string.Equals(after, mergeCommitSha, StringComparison.Ordinal) || !pushed.Any(c => c.Sha == mergeCommitSha))
            return null;
        var ownShas = originals.Select(c => c.Sha).ToHashSet(StringComparer.Ordinal);
        var uncopied = originals.Where(c => !c.IsMerge).ToList();
        bool kept = false, copied = false;
        foreach (var commit in pushed)
        {
            if (commit.Sha == mergeCommitSha)
                continue;
            if (ownShas.Contains(commit.Sha))
            {
                kept = true;
                continue;
            }
            var original = uncopied.FindIndex(o => LandedCommitsFinder.IsCopyOf(commit, o));
            if (original < 0)
                return null; // not this pull request's: the push landed more than its merge
            uncopied.RemoveAt(original);
            copied = true;
        }
        // A merge keeps the branch's commits, a rebase copies them: a push doing both is not one merge.
        return kept && copied ? null : pushed;
    }
}
