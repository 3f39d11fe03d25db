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
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Postgres;

/// <summary>
/// The store in a PostgreSQL database, one per process (a replica): every seam shares the process's connection pool.
/// Nothing is serialised in the process: each write is a transaction of its own, and what must not interleave across
/// replicas (a chain's appends) is serialised in the database.
/// </summary>
internal sealed class PostgresEvidenceStore : IEvidenceStore
{
    private readonly PostgresDatabase _database;

    private PostgresEvidenceStore(PostgresDatabase database, ChainHasher hasher, EvidenceStoreOptions options)
    {
        _database = database;
        var chains = new PostgresChainWriter(database, hasher);
        Inbox = new PostgresDeliveryInbox(database, options.Clock, ClaimLease.Of(options));
        Decisions = new PostgresDecisionLog(chains, database);
        Changes = new PostgresChangeLog(chains, database);
        Overrides = new PostgresOverrideLog(chains, database);
        MergeGroups = new PostgresMergeGroupLog(chains, database);
        CheckRuns = new PostgresCheckRunCache(database);
        RecordedDeliveries = new PostgresRecordedDeliveries(database);
        Health = new PostgresStoreHealth(database);
        Reconciliation = new PostgresReconciliationLedger(database);
        Leases = new PostgresWorkLeases(database, options.Clock, options.ReplicaId);
        EvaluationLocks = new PostgresEvaluationLocks(database);
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
    public IEvaluationLocks EvaluationLocks { get; }

    /// <summary>Migrates the database and checks the chain key, then opens the store. Throws
    /// <see cref="EvidenceSchemaException"/> for a newer schema or another chain key.</summary>
    public static PostgresEvidenceStore Open(EvidenceStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = new PostgresDatabase(options.ConnectionString);
        try
        {
            var hasher = new ChainHasher(options.HmacKey);
            Migrate(database, options.HmacKey, hasher);
            return new PostgresEvidenceStore(database, hasher, options);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Applies the migrations and records (or checks) the chain key; returns the schema version.</summary>
    public static long Migrate(PostgresDatabase database, byte[]? hmacKey, ChainHasher hasher)
    {
        using var connection = database.Open();
        var version = PostgresMigrator.Apply(connection, database.Location);
        // Replicas starting at once: the first key recorded wins, every other one is compared with it.
        var wanted = ChainKeyGuard.KeyId(hmacKey);
        if (connection.ExecuteScalar<string?>("SELECT value FROM chain_settings WHERE name = @SettingName", new { ChainKeyGuard.SettingName }) is null)
        {
            ChainKeyGuard.RequireStrongFirstKey(hmacKey, database.Location);
            connection.Execute("INSERT INTO chain_settings (name, value) VALUES (@SettingName, @wanted) ON CONFLICT (name) DO NOTHING",
                new { ChainKeyGuard.SettingName, wanted });
        }
        var stored = connection.ExecuteScalar<string>("SELECT value FROM chain_settings WHERE name = @SettingName", new { ChainKeyGuard.SettingName })!;
        ChainKeyGuard.RequireSame(stored, hasher, hmacKey, database.Location);
        return version;
    }

    /// <summary>Closes the pool (every write has committed by the time its call returned).</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
