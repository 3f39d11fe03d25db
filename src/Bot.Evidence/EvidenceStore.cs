using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Overrides;
using Bot.Evidence.CheckRuns;
using Bot.Evidence.Decisions;
using Bot.Evidence.Inbox;
using Bot.Evidence.MergeGroups;
using Bot.Evidence.Reconciliation;
using Bot.Evidence.Storage;

namespace Bot.Evidence;

/// <summary>
/// The bot's durable state in one SQLite file: the hash-chained decisions (evidence), the webhook inbox, and the
/// check-run cache. Thread-safe; open one per process at start-up, then call <see cref="RecoverAsync"/> before workers run.
/// </summary>
public sealed partial class EvidenceStore : IAsyncDisposable
{
    private readonly GroupCommitWriter _writer;
    private readonly SqliteDatabase _database;
    private readonly DeliveryInbox _inbox;
    private readonly CheckRunCache _checkRuns;

    private EvidenceStore(SqliteDatabase database, ChainHasher hasher, TimeProvider clock)
    {
        _database = database;
        _writer = new GroupCommitWriter(database, hasher);
        _inbox = new DeliveryInbox(_writer, database, clock);
        _checkRuns = new CheckRunCache(_writer, database);
        Reconciliation = new ReconciliationLedger(_writer, database);
    }

    public string DatabasePath => _database.Path;

    /// <summary>Commits so far with and without an fsync of their own.</summary>
    internal (long Synced, long Unsynced) Commits => _writer.Commits;

    /// <summary>Opens (creating if needed) and migrates the file. Throws <see cref="EvidenceSchemaException"/> for a newer schema or another chain key.</summary>
    public static EvidenceStore Open(EvidenceStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = new SqliteDatabase(options.DatabasePath);
        var hasher = new ChainHasher(options.HmacKey);
        using (var connection = database.Open())
        {
            Migrator.Apply(connection, database.Path);
            ChainKeyGuard.Check(connection, hasher, options.HmacKey, database.Path);
        }
        return new EvidenceStore(database, hasher, options.Clock);
    }

    // ---- decisions (evidence) ----

    /// <summary>Appends one decision to the chain; returns once it is committed to disk.</summary>
    public async Task<AppendedRecord> AppendDecisionAsync(DecisionRecord record, CancellationToken cancellationToken = default)
    {
        var appended = await _writer.AppendAsync(DecisionsTable.Table, [DecisionsTable.ToRow(record)], cancellationToken);
        return appended[0];
    }

    /// <summary>Appends decisions as consecutive records in one transaction (imports, benchmarks).</summary>
    public Task<IReadOnlyList<AppendedRecord>> AppendDecisionsAsync(IReadOnlyList<DecisionRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return _writer.AppendAsync(DecisionsTable.Table, [.. records.Select(DecisionsTable.ToRow)], cancellationToken);
    }

    /// <summary>The newest decision recorded for a pull request (repository compared case-insensitively).</summary>
    public async Task<StoredDecision?> LatestDecisionAsync(string repository, long pullRequestNumber, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await DecisionQueries.LatestForPullRequestAsync(connection, repository, pullRequestNumber, cancellationToken);
    }

    /// <summary>The newest decision recorded for a pull request at or before <paramref name="at"/> (the bot's clock): the head the
    /// bot knew the pull request by at that time.</summary>
    public async Task<StoredDecision?> LatestDecisionAtAsync(string repository, long pullRequestNumber, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await DecisionQueries.LatestForPullRequestAtAsync(connection, repository, pullRequestNumber, at, cancellationToken);
    }

    /// <summary>The newest decision recorded for a head commit.</summary>
    public async Task<StoredDecision?> LatestDecisionForHeadAsync(string repository, string headSha, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await DecisionQueries.LatestForHeadAsync(connection, repository, headSha, cancellationToken);
    }

    /// <summary>The newest decision recorded for a pull request at one head commit (its full record, commits included).</summary>
    public async Task<StoredDecision?> LatestDecisionForPullRequestHeadAsync(string repository, long pullRequestNumber, string headSha, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await DecisionQueries.LatestForPullRequestHeadAsync(connection, repository, pullRequestNumber, headSha, cancellationToken);
    }

    /// <summary>The newest decision that names <paramref name="deliveryId"/> as its trigger: a delivery handed back after a
    /// crash was already evaluated when this is not null.</summary>
    public async Task<StoredDecision?> LatestDecisionForDeliveryAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await DecisionQueries.LatestForDeliveryAsync(connection, deliveryId, cancellationToken);
    }

    // ---- changes (the CC8.1 change population) ----

    /// <summary>Appends one change to the changes chain; returns once it is committed to disk.</summary>
    public async Task<AppendedRecord> AppendChangeAsync(ChangeRecord record, CancellationToken cancellationToken = default)
    {
        var appended = await _writer.AppendAsync(ChangesTable.Table, [ChangesTable.ToRow(record)], cancellationToken);
        return appended[0];
    }

    /// <summary>Appends changes as consecutive records in one transaction (pushes with many commits, scans, benchmarks).</summary>
    public Task<IReadOnlyList<AppendedRecord>> AppendChangesAsync(IReadOnlyList<ChangeRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return _writer.AppendAsync(ChangesTable.Table, [.. records.Select(ChangesTable.ToRow)], cancellationToken);
    }

    /// <summary>Whether this change (repository, base ref, kind, change id) is already recorded: redeliveries and retries add nothing.</summary>
    public async Task<bool> ChangeExistsAsync(string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ChangeQueries.ExistsAsync(connection, repository, baseRef, kind, changeId, cancellationToken);
    }

    /// <summary>The commits of a recorded change (repository, base ref, kind, change id) and its finding codes; null when not recorded.</summary>
    public async Task<RecordedCommits?> RecordedCommitsAsync(string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ChangeQueries.CommitsAsync(connection, repository, baseRef, kind, changeId, cancellationToken);
    }

    /// <summary>The newest decision of a pull request for a head SHA recorded at or before <paramref name="until"/> (null: any time).</summary>
    public async Task<DecisionReference?> LatestDecisionForMergeAsync(string repository, long pullRequestNumber, string headSha, DateTimeOffset? until, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ChangeQueries.LatestDecisionAsync(connection, repository, pullRequestNumber, headSha, until, cancellationToken);
    }

    // ---- overrides (approved exceptions, policy.md section 7) ----

    /// <summary>Appends an override or revocation to the overrides chain; returns once it is committed to disk. One comment is
    /// recorded at most once (policy.md §7), whatever delivery carries it: when its comment id is already recorded for the
    /// repository, nothing is appended and the result is null. The check runs in the appending transaction, so two deliveries
    /// of one comment processed at the same time cannot both append.</summary>
    public async Task<AppendedRecord?> AppendOverrideAsync(OverrideRecord record, CancellationToken cancellationToken = default)
    {
        var row = OverridesTable.ToRow(record);
        return await _writer.ExecuteAsync(scope => OverrideQueries.CommentRecorded(scope, record.Repository, record.CommentId)
            ? null
            : scope.Append(OverridesTable.Table, [row])[0], cancellationToken);
    }

    /// <summary>The override in force for a head SHA: the newest record for it, when that record is an override (not a revocation).</summary>
    public async Task<StoredOverride?> ActiveOverrideAsync(string repository, long pullRequestNumber, string headSha, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var latest = await OverrideQueries.LatestForHeadAsync(connection, repository, pullRequestNumber, headSha, cancellationToken);
        return latest is { Record.Action: "override" } ? latest : null;
    }

    /// <summary>Whether a command comment was already recorded (a retried delivery must not record it twice).</summary>
    public async Task<bool> OverrideExistsForCommentAsync(string repository, long commentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await OverrideQueries.ExistsForCommentAsync(connection, repository, commentId, cancellationToken);
    }

    // ---- merge group decisions (merge queue, policy.md section 9) ----

    /// <summary>Appends a merge group decision to its chain; returns once it is committed to disk.</summary>
    public async Task<AppendedRecord> AppendMergeGroupDecisionAsync(MergeGroupRecord record, CancellationToken cancellationToken = default)
    {
        var appended = await _writer.AppendAsync(MergeGroupsTable.Table, [MergeGroupsTable.ToRow(record)], cancellationToken);
        return appended[0];
    }

    /// <summary>The newest merge group decision recorded for a group head commit.</summary>
    public async Task<StoredMergeGroupDecision?> LatestMergeGroupDecisionAsync(string repository, string headSha, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await MergeGroupQueries.LatestForHeadAsync(connection, repository, headSha, cancellationToken);
    }

    /// <summary>The newest merge group decision that names <paramref name="deliveryId"/>: a delivery handed back after a
    /// crash was already decided when this is not null.</summary>
    public async Task<StoredMergeGroupDecision?> LatestMergeGroupDecisionForDeliveryAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await MergeGroupQueries.LatestForDeliveryAsync(connection, deliveryId, cancellationToken);
    }

    // ---- inbox ----

    /// <summary>Stores a delivery as pending. The same GUID again is <see cref="EnqueueResult.Duplicate"/>, never an exception.</summary>
    public Task<EnqueueResult> EnqueueDeliveryAsync(InboundDelivery delivery, CancellationToken cancellationToken = default) =>
        _inbox.EnqueueAsync(delivery, DeliveryStates.Pending, cancellationToken);

    /// <summary>Stores a delivery the bot does not act on, directly as ignored (kept, never processed).</summary>
    public Task<EnqueueResult> EnqueueIgnoredDeliveryAsync(InboundDelivery delivery, CancellationToken cancellationToken = default) =>
        _inbox.EnqueueAsync(delivery, DeliveryStates.Ignored, cancellationToken);

    /// <summary>Claims up to <paramref name="maxCount"/> due pending deliveries, oldest first: each becomes processing, attempts + 1.</summary>
    public Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int maxCount, CancellationToken cancellationToken = default) =>
        _inbox.ClaimAsync(maxCount, cancellationToken);

    public async Task<ClaimedDelivery?> ClaimNextAsync(CancellationToken cancellationToken = default)
    {
        var claimed = await _inbox.ClaimAsync(1, cancellationToken);
        return claimed.Count == 0 ? null : claimed[0];
    }

    /// <summary>The raw body of a stored delivery, exactly as received.</summary>
    public Task<byte[]> ReadDeliveryBodyAsync(string deliveryId, CancellationToken cancellationToken = default) =>
        _inbox.ReadBodyAsync(deliveryId, cancellationToken);

    /// <summary>The following Mark methods apply to a claimed (processing) delivery and throw for any other.</summary>
    public Task MarkProcessedAsync(string deliveryId, CancellationToken cancellationToken = default) =>
        _inbox.MarkProcessedAsync(deliveryId, cancellationToken);

    /// <summary>Back to pending, not claimable before <paramref name="notBefore"/>.</summary>
    public Task MarkRetryAsync(string deliveryId, string error, DateTimeOffset notBefore, CancellationToken cancellationToken = default) =>
        _inbox.MarkRetryAsync(deliveryId, error, notBefore, countAttempt: true, cancellationToken);

    /// <summary>Back to pending without counting the attempt: the bot's own storage failed (disk full, database locked),
    /// not the work, so the delivery must not run out of attempts while it waits for the store.</summary>
    public Task MarkRetryUncountedAsync(string deliveryId, string error, DateTimeOffset notBefore, CancellationToken cancellationToken = default) =>
        _inbox.MarkRetryAsync(deliveryId, error, notBefore, countAttempt: false, cancellationToken);

    public Task MarkFailedAsync(string deliveryId, string error, CancellationToken cancellationToken = default) =>
        _inbox.MarkFailedAsync(deliveryId, error, cancellationToken);

    public Task MarkIgnoredAsync(string deliveryId, CancellationToken cancellationToken = default) =>
        _inbox.MarkIgnoredAsync(deliveryId, cancellationToken);

    /// <summary>At start-up, before workers: deliveries a dead process left in processing become pending. Returns how many.</summary>
    public Task<int> RecoverAsync(CancellationToken cancellationToken = default) => _inbox.RecoverAsync(cancellationToken);

    /// <summary>Every state with its count (0 included), for /readyz.</summary>
    public Task<IReadOnlyDictionary<DeliveryState, long>> CountDeliveriesByStateAsync(CancellationToken cancellationToken = default) =>
        _inbox.CountByStateAsync(cancellationToken);

    /// <summary>Deliveries waiting to be evaluated (for readiness: in proportion to the backlog, not the inbox's history).</summary>
    public Task<long> CountPendingDeliveriesAsync(CancellationToken cancellationToken = default) =>
        _inbox.CountPendingAsync(cancellationToken);

    /// <summary>Takes the write lock through the one writer and commits nothing: completes once the file can be written to
    /// (not read-only, not locked by another process, the writer not stuck). Skipped if cancelled before its turn.</summary>
    public Task ProbeWriteAsync(CancellationToken cancellationToken = default) =>
        _writer.ExecuteAsync(_ => 0, cancellationToken, sync: false);

    /// <summary>Inbox depth, the oldest pending delivery and the chain lengths, read now (for the service's metrics).</summary>
    public Statistics.StoreStatistics ReadStatistics()
    {
        using var connection = _database.Open();
        return Statistics.StoreStatisticsQuery.Read(connection);
    }

    // ---- check-run cache ----

    public Task<CheckRunEntry?> GetCheckRunAsync(string repository, string headSha, CancellationToken cancellationToken = default) =>
        _checkRuns.GetAsync(repository, headSha, cancellationToken);

    /// <summary>Inserts or replaces the check run kept for (repository, head SHA).</summary>
    public Task SaveCheckRunAsync(CheckRunEntry entry, CancellationToken cancellationToken = default) =>
        _checkRuns.SaveAsync(entry, cancellationToken);

    // ---- population reconciliation (policy.md §8) ----

    /// <summary>How far the population is reconciled with each in-scope branch's history, and which commits it holds.</summary>
    public ReconciliationLedger Reconciliation { get; }

    /// <summary>Waits for queued appends to commit, then closes the writer.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
