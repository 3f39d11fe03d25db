using Bot.Evidence.Chain;
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

    public int Verify(string? checkpoint, TextWriter output) => PostgresChainAudit.Verify(options.ConnectionString, options.HmacKey, checkpoint, output);

    public int Checkpoint(TextWriter output) => PostgresChainAudit.Checkpoint(options.ConnectionString, output, options.Clock);

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
