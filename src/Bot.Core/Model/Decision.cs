namespace Bot.Core.Model;

public enum RuleOutcome { Pass, Fail, Pending }

/// <summary>What the check run concludes (policy.md §4).</summary>
public enum Conclusion { Success, Failure, Pending, NotInScope }

/// <summary>How a commit's <c>AI-Assisted</c> trailer reads (policy.md §2). <c>Missing</c>: no such trailer.</summary>
public enum DeclarationKind { Missing, Positive, Negative, Invalid }

/// <summary>One rule's result. <see cref="Details"/> names commits, files or values a developer must fix.</summary>
public sealed record RuleResult(string Id, RuleOutcome Outcome, string Message, IReadOnlyList<string> Details);

/// <summary>A commit and what it declares. <see cref="AiAssistedValues"/> are the raw trailer values.</summary>
public sealed record CommitDeclaration(
    string Sha,
    string Subject,
    bool IsMerge,
    DeclarationKind Kind,
    IReadOnlyList<string> AiAssistedValues,
    IReadOnlyList<string> AiCoAuthors,
    bool Unattributed);

/// <summary>A contributor of the change (PR author, GitHub author or committer of a commit).</summary>
public sealed record Contributor(long Id, string Login, string Role);

/// <summary>A reviewer's latest decisive review and whether it qualifies as an approval.</summary>
/// <param name="SensitiveApprover">For an approval while <c>review.sensitive_approvers</c> applies (a sensitive path is
/// touched and the list is set): whether it satisfies that requirement; null otherwise (and then left out of the JSON, so
/// decisions without the requirement serialise as before).</param>
public sealed record ApprovalAssessment(
    long ReviewId,
    long? UserId,
    string? Login,
    string State,
    string? CommitId,
    DateTimeOffset? SubmittedAt,
    bool Qualifies,
    string Reason,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    SensitiveApproval? SensitiveApprover = null);

/// <summary>Whether an approval satisfies <c>review.sensitive_approvers</c>, and why (listed by login, an active member of
/// a listed team, or neither).</summary>
public sealed record SensitiveApproval(bool Satisfies, string Reason);

/// <summary>The evaluator's answer. Serialising it (see DecisionJson) is deterministic. <see cref="Override"/> is the
/// approved exception in force for the head: with <c>success</c> it is what turned the failure into success, with
/// <c>failure</c> it did not cover every failing rule (see OverrideApplier).</summary>
public sealed record Decision(
    Conclusion Conclusion,
    string Title,
    bool InScope,
    bool AiAssisted,
    IReadOnlyList<string> DeclaredTools,
    IReadOnlyList<Contributor> Contributors,
    IReadOnlyList<ApprovalAssessment> Approvals,
    int RequiredApprovals,
    int QualifyingApprovals,
    IReadOnlyList<RuleResult> Rules,
    IReadOnlyList<CommitDeclaration> Commits,
    string? PolicyError,
    Bot.Core.Overrides.ApprovedOverride? Override = null);
