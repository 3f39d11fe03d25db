namespace Bot.Evidence.MergeGroups;

/// <summary>One decision on a merge queue group (policy.md §9), kept in its own hash chain. <see cref="DecisionJson"/> is
/// text the caller produced (the pull requests of the group with the decision each was judged by, every commit of the
/// group with what it was found to be, and what is not covered); it is stored and hashed byte for byte as given.</summary>
public sealed record MergeGroupRecord
{
    public required DateTimeOffset RecordedAt { get; init; }
    public required long InstallationId { get; init; }
    /// <summary>owner/name.</summary>
    public required string Repository { get; init; }
    /// <summary>The base branch's name (<c>main</c>).</summary>
    public required string BaseRef { get; init; }
    /// <summary>Where the group's commits were read from: the payload's <c>base_sha</c>, or the base branch's name when an
    /// older payload has none.</summary>
    public required string BaseSha { get; init; }
    /// <summary><c>refs/heads/gh-readonly-queue/…</c>.</summary>
    public required string HeadRef { get; init; }
    /// <summary>The group's head commit, which carries the check run.</summary>
    public required string HeadSha { get; init; }
    public string? DeliveryId { get; init; }
    public required string BotVersion { get; init; }
    /// <summary><c>success</c> or <c>failure</c>.</summary>
    public required string Conclusion { get; init; }
    public required string Title { get; init; }
    public required string DecisionJson { get; init; }
    public long? CheckRunId { get; init; }
}

/// <summary>A merge group decision as kept, with its place in the chain.</summary>
public sealed record StoredMergeGroupDecision(long Seq, string Hash, MergeGroupRecord Record);
