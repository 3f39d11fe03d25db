using Bot.Evidence.Chain;

namespace Bot.Evidence.Decisions;

/// <summary>The decisions chain (policy.md §5): one hash-chained record per evaluation, and the lookups the service makes.
/// Repositories compare case-insensitively.</summary>
public interface IDecisionLog
{
    /// <summary>Appends one decision to the chain; returns once it is durable.</summary>
    Task<AppendedRecord> AppendAsync(DecisionRecord record, CancellationToken cancellationToken = default);

    /// <summary>Appends decisions as consecutive records in one transaction (imports, benchmarks).</summary>
    Task<IReadOnlyList<AppendedRecord>> AppendManyAsync(IReadOnlyList<DecisionRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The newest decision recorded for a pull request.</summary>
    Task<StoredDecision?> LatestAsync(string repository, long pullRequestNumber, CancellationToken cancellationToken = default);

    /// <summary>The newest decision recorded for a pull request at or before <paramref name="at"/> (the bot's clock): the head
    /// the bot knew the pull request by at that time.</summary>
    Task<StoredDecision?> LatestAtAsync(string repository, long pullRequestNumber, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The newest decision recorded for a head commit.</summary>
    Task<StoredDecision?> LatestForHeadAsync(string repository, string headSha, CancellationToken cancellationToken = default);

    /// <summary>The newest decision recorded for a pull request at one head commit (its full record, commits included).</summary>
    Task<StoredDecision?> LatestForPullRequestHeadAsync(string repository, long pullRequestNumber, string headSha, CancellationToken cancellationToken = default);

    /// <summary>The newest decision that names <paramref name="deliveryId"/> as its trigger: a delivery handed back after a
    /// crash was already evaluated when this is not null.</summary>
    Task<StoredDecision?> LatestForDeliveryAsync(string deliveryId, CancellationToken cancellationToken = default);
}
