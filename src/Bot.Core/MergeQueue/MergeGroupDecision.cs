using Bot.Core.Model;

namespace Bot.Core.MergeQueue;

/// <summary>How a pull request of the group was judged: covered when its newest decision on its own head is
/// <c>success</c> (an approved override included) or "not in scope".</summary>
public sealed record QueuedPullRequestVerdict(
    int Number,
    string HeadSha,
    string FoundBy,
    long? DecisionSeq,
    string? DecisionHash,
    string? DecisionConclusion,
    bool Covered,
    string Note);

/// <summary>One commit of the group and what it was found to be (a pull request's commit, a commit GitHub made when it
/// merged one, or nothing covered).</summary>
public sealed record GroupCommit(string Sha, string Subject, bool Covered, string Placement);

/// <summary>The answer for a merge group. <see cref="Findings"/> names every pull request or commit not covered; empty
/// when the conclusion is not <see cref="Conclusion.Failure"/>.</summary>
public sealed record MergeGroupDecision(
    Conclusion Conclusion,
    string Title,
    IReadOnlyList<QueuedPullRequestVerdict> PullRequests,
    IReadOnlyList<GroupCommit> Commits,
    IReadOnlyList<string> Findings);
