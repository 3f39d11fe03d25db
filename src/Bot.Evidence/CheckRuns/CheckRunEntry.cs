namespace Bot.Evidence.CheckRuns;

/// <summary>The check run the bot last posted for a head commit (a cache of GitHub's state, not evidence).</summary>
public sealed record CheckRunEntry(
    string Repository,
    string HeadSha,
    long CheckRunId,
    string Status,
    string? Conclusion,
    string? Title,
    string? SummarySha256,
    DateTimeOffset UpdatedAt);
