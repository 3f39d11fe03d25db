using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.CheckRuns;
using Bot.Evidence.Decisions;
using Bot.Evidence.Deliveries;
using Bot.Evidence.Health;
using Bot.Evidence.Inbox;
using Bot.Evidence.Leases;
using Bot.Evidence.MergeGroups;
using Bot.Evidence.Overrides;
using Bot.Evidence.Reconciliation;

namespace Bot.Evidence.Storage;

/// <summary>
/// The store in one SQLite file: every seam shares the one <see cref="GroupCommitWriter"/> (and its WAL checkpointer) for
/// writes and the file's connection settings for reads. Thread-safe; one per process.
/// </summary>
internal sealed class SqliteEvidenceStore : IEvidenceStore
{
    private readonly GroupCommitWriter _writer;

    private SqliteEvidenceStore(SqliteDatabase database, ChainHasher hasher, EvidenceStoreOptions options)
    {
        var clock = options.Clock;
        _writer = new GroupCommitWriter(database, hasher);
        Inbox = new SqliteDeliveryInbox(_writer, database, clock, ClaimLease.Of(options));
        Decisions = new SqliteDecisionLog(_writer, database);
        Changes = new SqliteChangeLog(_writer, database);
        Overrides = new SqliteOverrideLog(_writer, database);
        MergeGroups = new SqliteMergeGroupLog(_writer, database);
        CheckRuns = new SqliteCheckRunCache(_writer, database);
        RecordedDeliveries = new SqliteRecordedDeliveries(_writer, database);
        Health = new SqliteStoreHealth(_writer, database);
        Reconciliation = new SqliteReconciliationLedger(_writer, database);
        Leases = new SqliteWorkLeases(_writer, clock, options.ReplicaId);
    }

    public IDeliveryInbox Inbox { get; }
    public IDecisionLog Decisions { get; }
    public IChangeLog Changes { get; }
    public IOverrideLog Overrides { get; }
    public IMergeGroupLog MergeGroups { get; }
    public ICheckRunCache CheckRuns { get; }
    public IRecordedDeliveriesCursor RecordedDeliveries { get; }
    public IStoreHealth Health { get; }
    public IReconciliationLedger Reconciliation { get; }
    public IWorkLeases Leases { get; }
    public IEvaluationLocks EvaluationLocks => InProcessEvaluationLocks.Instance;

    /// <summary>Commits so far with and without an fsync of their own.</summary>
    internal (long Synced, long Unsynced) Commits => _writer.Commits;

    /// <summary>Opens (creating if needed) and migrates the file. Throws <see cref="EvidenceSchemaException"/> for a newer schema or another chain key.</summary>
    public static SqliteEvidenceStore Open(EvidenceStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = new SqliteDatabase(options.DatabasePath);
        var hasher = new ChainHasher(options.HmacKey);
        using (var connection = database.Open())
        {
            Migrator.Apply(connection, database.Path);
            ChainKeyGuard.Check(connection, hasher, options.HmacKey, database.Path);
        }
        return new SqliteEvidenceStore(database, hasher, options);
    }

    /// <summary>Waits for queued writes to commit, then closes the writer.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
