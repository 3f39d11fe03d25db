using Bot.Evidence.Chain;

namespace Bot.Evidence.Changes;

/// <summary>The changes chain: the CC8.1 change population, one hash-chained record per change (repository, base ref,
/// kind, change id), and the lookups that keep redeliveries and retries from recording a change twice.</summary>
public interface IChangeLog
{
    /// <summary>Appends one change to the chain; returns once it is durable.</summary>
    Task<AppendedRecord> AppendAsync(ChangeRecord record, CancellationToken cancellationToken = default);

    /// <summary>Appends changes as consecutive records in one transaction (pushes with many commits, scans, benchmarks).</summary>
    Task<IReadOnlyList<AppendedRecord>> AppendManyAsync(IReadOnlyList<ChangeRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Appends those of <paramref name="records"/> that are not recorded yet (each change once), deciding under the
    /// chain's write lock in the appending transaction: two processes recording the same change at once record it once
    /// (the database's unique key on the change refuses a second record regardless). Returns the appended ones with their
    /// places, in order.</summary>
    Task<IReadOnlyList<(ChangeRecord Record, AppendedRecord At)>> AppendNewAsync(IReadOnlyList<ChangeRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Whether this change is already recorded: redeliveries and retries add nothing.</summary>
    Task<bool> ExistsAsync(string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken = default);

    /// <summary>The commits of a recorded change and its finding codes; null when not recorded.</summary>
    Task<RecordedCommits?> RecordedCommitsAsync(string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken = default);

    /// <summary>The decision a merge change references: the newest decision of the pull request for
    /// <paramref name="headSha"/> recorded at or before <paramref name="until"/> (null: any time).</summary>
    Task<DecisionReference?> LatestDecisionForMergeAsync(string repository, long pullRequestNumber, string headSha, DateTimeOffset? until, CancellationToken cancellationToken = default);
}
