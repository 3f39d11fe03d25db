namespace Bot.Evidence.Overrides;

/// <summary>An approved exception or its revocation (policy.md §7), kept in its own hash chain. It names the head SHA
/// it was given for: a new push makes it stale. The comment text is recorded as GitHub held it when the exception was
/// granted, so editing the comment afterwards changes nothing; one comment is recorded at most once.</summary>
public sealed record OverrideRecord
{
    public required DateTimeOffset RecordedAt { get; init; }
    public required long InstallationId { get; init; }
    /// <summary>owner/name.</summary>
    public required string Repository { get; init; }
    public required long PullRequestNumber { get; init; }
    public required string HeadSha { get; init; }
    /// <summary><c>override</c> or <c>revoke</c>.</summary>
    public required string Action { get; init; }
    public required long ApproverId { get; init; }
    public required string ApproverLogin { get; init; }
    public required string Reason { get; init; }
    /// <summary>The rules that failed when the exception was approved (JSON array of rule ids).</summary>
    public required string FailedRulesJson { get; init; }

    /// <summary><see cref="FailedRulesJson"/> read back: the rules this exception covers (policy.md §7).</summary>
    public IReadOnlyList<string> FailedRules
    {
        get
        {
            using var document = System.Text.Json.JsonDocument.Parse(FailedRulesJson);
            return [.. document.RootElement.EnumerateArray().Select(rule => rule.GetString() ?? "")];
        }
    }
    public required long CommentId { get; init; }
    public string? DeliveryId { get; init; }
}

/// <summary>An override as kept, with its place in the chain.</summary>
public sealed record StoredOverride(long Seq, string Hash, OverrideRecord Record);
