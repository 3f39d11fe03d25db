using Bot.Evidence.Chain;

namespace Bot.Evidence.Overrides;

/// <summary>The overrides chain: approved exceptions and their revocations (policy.md §7).</summary>
public interface IOverrideLog
{
    /// <summary>Appends an override or revocation; returns once it is durable. One comment is recorded at most once
    /// (policy.md §7), whatever delivery carries it: when its comment id is already recorded for the repository, nothing is
    /// appended and the result is null. The check is atomic with the append, so two deliveries of one comment processed at
    /// the same time cannot both append.</summary>
    Task<AppendedRecord?> AppendAsync(OverrideRecord record, CancellationToken cancellationToken = default);

    /// <summary>The override in force for a head SHA: the newest record for it, when that record is an override (not a revocation).</summary>
    Task<StoredOverride?> ActiveAsync(string repository, long pullRequestNumber, string headSha, CancellationToken cancellationToken = default);

    /// <summary>Whether a command comment was already recorded (a retried delivery must not record it twice).</summary>
    Task<bool> ExistsForCommentAsync(string repository, long commentId, CancellationToken cancellationToken = default);
}
