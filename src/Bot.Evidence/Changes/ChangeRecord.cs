namespace Bot.Evidence.Changes;

/// <summary>What kind of production change a record is (policy.md §5, the change population).</summary>
public static class ChangeKinds
{
    /// <summary>A pull request merged into an in-scope branch.</summary>
    public const string PullRequest = "pull_request";

    /// <summary>A commit that reached an in-scope branch without a merged pull request.</summary>
    public const string DirectPush = "direct_push";

    /// <summary>A push that rewrote an in-scope branch's history (<c>forced</c>).</summary>
    public const string ForcePush = "force_push";

    /// <summary>An in-scope branch was deleted.</summary>
    public const string BranchDeletion = "branch_deletion";

    /// <summary>A commit read from a local clone by <c>bot scan</c> (history before the bot was installed).</summary>
    public const string ScannedCommit = "scanned_commit";

    /// <summary>A pull request's merge read from a local clone by <c>bot scan</c> (a merge commit or squash subject naming
    /// it): change id = the pull request number, commits = the merge or squash commit and the commits it brought.</summary>
    public const string ScannedPullRequest = "scanned_pull_request";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
        { PullRequest, DirectPush, ForcePush, BranchDeletion, ScannedCommit, ScannedPullRequest };
}

/// <summary>Finding codes kept with a change; the export shows them as exceptions.</summary>
public static class FindingCodes
{
    public const string NoPullRequest = "no_pull_request";
    public const string MissingDecision = "missing_decision";
    public const string DecisionNotSuccess = "decision_not_success_at_merge";
    public const string DeclarationLostOnMerge = "declaration_lost_on_merge";
    public const string ForcePush = "force_push";
    public const string BranchDeleted = "branch_deleted";
    public const string ScopeUnknown = "scope_unknown";
    public const string LandedCommitsUnread = "landed_commits_unread";
}

/// <summary>One finding on a change: a code from <see cref="FindingCodes"/> and a sentence an auditor can read.</summary>
public sealed record ChangeFinding(string Code, string Detail);

/// <summary>
/// One change in the population, as recorded when it reached the branch. Append-only and hash-chained like decisions.
/// <see cref="ChangeId"/> is unique per (repository, base ref, kind): the PR number, a commit SHA, or
/// <c>before..after</c> for force pushes and deletions.
/// </summary>
public sealed record ChangeRecord
{
    public required DateTimeOffset RecordedAt { get; init; }
    /// <summary>Null for changes read from a local clone.</summary>
    public long? InstallationId { get; init; }
    /// <summary>owner/name.</summary>
    public required string Repository { get; init; }
    public required string Kind { get; init; }
    public required string ChangeId { get; init; }
    public long? PullRequestNumber { get; init; }
    public required string Title { get; init; }
    /// <summary>GitHub login when known, else the git author name.</summary>
    public required string Author { get; init; }
    /// <summary>Who merged (pull requests) or pushed (pushes).</summary>
    public string? MergedBy { get; init; }
    /// <summary>When the change reached the branch.</summary>
    public required DateTimeOffset MergedAt { get; init; }
    public required string BaseRef { get; init; }
    /// <summary>The pull request's head SHA at merge (what decisions and overrides are keyed by).</summary>
    public string? HeadSha { get; init; }
    public string? MergeCommitSha { get; init; }
    public required IReadOnlyList<string> CommitShas { get; init; }
    public required bool AiAssisted { get; init; }
    public required IReadOnlyList<string> AiTools { get; init; }
    /// <summary>The last decision for the head SHA before the merge; null when there was none (a gap).</summary>
    public long? DecisionSeq { get; init; }
    public string? DecisionHash { get; init; }
    public required IReadOnlyList<ChangeFinding> Findings { get; init; }
    /// <summary>The delivery that reported the change; null for scans.</summary>
    public string? DeliveryId { get; init; }
    /// <summary><c>webhook</c> or <c>scan</c>.</summary>
    public required string Source { get; init; }
}

/// <summary>A change as kept, with its place in the chain.</summary>
public sealed record StoredChange(long Seq, string Hash, ChangeRecord Record);
