using Bot.Evidence.Chain;
using Bot.Evidence.Commands;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Deliveries;
using Bot.Evidence.Export;
using Bot.Evidence.Health;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>The store in PostgreSQL at <see cref="EvidenceStoreOptions.ConnectionString"/>, shared by several replicas.</summary>
internal sealed class PostgresEvidenceProvider(EvidenceStoreOptions options) : IEvidenceProvider
{
    public string Name => EvidenceProviders.Postgres;

    // Never the password: host, port and database only. A malformed string is reported by opening, like an empty path.
    public string Location { get; } = Describe(options.ConnectionString);

    public string LocationSetting => "Evidence:ConnectionString";

    public IStoreErrors Errors => PostgresStoreErrors.Instance;

    public IEvidenceStore Open() => PostgresEvidenceStore.Open(options);

    public bool Exists()
    {
        using var database = new PostgresDatabase(options.ConnectionString);
        using var connection = database.Open();
        return PostgresMigrator.HasSchema(connection);
    }

    public long Migrate()
    {
        using var database = new PostgresDatabase(options.ConnectionString);
        return PostgresEvidenceStore.Migrate(database, options.HmacKey, new ChainHasher(options.HmacKey));
    }

    public IChainAudit Chains => new ChainAudit(
        () => PostgresChainSnapshot.Open(options.ConnectionString, options.HmacKey, checkKey: true),
        () => PostgresChainSnapshot.Open(options.ConnectionString, hmacKey: null, checkKey: false),
        options.HmacKey, Errors, options.Clock);

    public IChangeExport Export => new PostgresChangeExport(options.ConnectionString, options.HmacKey);

    public IDeliveryAdministration Deliveries => new PostgresDeliveryAdministration(options.ConnectionString);

    public IAuditReader Audit => new PostgresAuditReader(options.ConnectionString, options.HmacKey);

    /// <summary>SQLite only; a PostgreSQL store is backed up with PostgreSQL's own tools.</summary>
    public IStoreBackup Backup => PostgresBackupRefusal.Instance;

    public IDashboardKeyRing? SharedKeyRing => new PostgresDashboardKeyRing(options.ConnectionString, options.Clock);

    private static string Describe(string connectionString)
    {
        try
        {
            return PostgresDatabase.Describe(new NpgsqlConnectionStringBuilder(connectionString));
        }
        catch (ArgumentException)
        {
            return "(malformed connection string)";
        }
    }
}
