using Bot.Core.Model;

namespace Bot.Core.MergeQueue;

/// <summary>What the evidence store holds for a pull request at one head: its newest decision there, and the commits
/// that decision was made on (so the group's copies of them can be placed without asking GitHub).</summary>
public sealed record RecordedDecision(long Seq, string Hash, string Conclusion, string Title, string BaseRef, IReadOnlyList<string> CommitShas);

/// <summary>A pull request of the group: its number, the head SHA it is in the group with, how it was found, and the
/// decision recorded for that head (null: none).</summary>
public sealed record QueuedPullRequest(int Number, string HeadSha, string FoundBy, RecordedDecision? Decision);

/// <summary>Everything the merge group judgement needs (policy.md §9); plain data, no I/O.</summary>
/// <param name="Commits">The group's commits, <c>base_sha...head_sha</c>, oldest first.</param>
/// <param name="PullRequests">Every pull request found in the group, each number once.</param>
/// <param name="GitHubPullRequestsOfCommit">For commits the store could not place: the pull requests into the group's
/// base branch that GitHub lists for the commit ("pull requests for a commit"); absent commits were not asked about.</param>
public sealed record MergeGroupInput(
    string HeadSha,
    string BaseSha,
    string BaseBranch,
    IReadOnlyList<CommitInfo> Commits,
    IReadOnlyList<QueuedPullRequest> PullRequests,
    IReadOnlyDictionary<string, IReadOnlyList<int>> GitHubPullRequestsOfCommit)
{
    /// <summary>The server's facts; GitHub's own merge commits are recognised by its <c>web-flow</c> user id.</summary>
    public ServerFacts Server { get; init; } = ServerFacts.GitHubCom;
}
