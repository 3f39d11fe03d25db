namespace Bot.Evidence.Decisions;

/// <summary>
/// One evaluation, as policy.md section 5 lists it. The JSON parts are text the caller produced
/// (Bot.Core.Evaluation.DecisionJson); they are stored and hashed byte for byte as given.
/// </summary>
public sealed record DecisionRecord
{
    public required DateTimeOffset RecordedAt { get; init; }
    public required long InstallationId { get; init; }
    /// <summary>owner/name.</summary>
    public required string Repository { get; init; }
    public required long PullRequestNumber { get; init; }
    public required string HeadSha { get; init; }
    public required string BaseRef { get; init; }
    /// <summary>The X-GitHub-Delivery that triggered the evaluation (must be in the inbox); null for reconcile sweeps.</summary>
    public string? DeliveryId { get; init; }
    public required string BodySha256 { get; init; }
    public required string BotVersion { get; init; }
    public required string PolicySource { get; init; }
    /// <summary>Null when the policy file could not be read at all.</summary>
    public string? PolicySha256 { get; init; }
    public required string Conclusion { get; init; }
    public required string Title { get; init; }
    public required bool AiAssisted { get; init; }
    public required string ToolsJson { get; init; }
    public required string ContributorsJson { get; init; }
    public required string ApprovalsJson { get; init; }
    public required string RulesJson { get; init; }
    public required string DecisionJson { get; init; }
    public long? CheckRunId { get; init; }
}

/// <summary>A decision as kept, with its place in the chain.</summary>
public sealed record StoredDecision(long Seq, string Hash, DecisionRecord Record);
