using Bot.Evidence.Commands;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Deliveries;
using Bot.Evidence.Export;
using Bot.Evidence.Health;

namespace Bot.Evidence.Storage;

/// <summary>The embedded default: one SQLite file at <see cref="EvidenceStoreOptions.DatabasePath"/>.</summary>
internal sealed class SqliteEvidenceProvider(EvidenceStoreOptions options) : IEvidenceProvider
{
    public string Name => EvidenceProviders.Sqlite;

    // An empty path has no full path; opening it is what reports the error.
    public string Location { get; } = string.IsNullOrWhiteSpace(options.DatabasePath) ? options.DatabasePath : Path.GetFullPath(options.DatabasePath);

    public string LocationSetting => "Evidence:DatabasePath";

    public IStoreErrors Errors => SqliteStoreErrors.Instance;

    public bool Exists() => File.Exists(options.DatabasePath);

    public IEvidenceStore Open() => SqliteEvidenceStore.Open(options);

    public long Migrate()
    {
        var database = new SqliteDatabase(options.DatabasePath);
        using var connection = database.Open();
        Migrator.Apply(connection, database.Path);
        ChainKeyGuard.Check(connection, new Chain.ChainHasher(options.HmacKey), options.HmacKey, database.Path);
        return Migrator.CurrentVersion(connection, null);
    }

    public IChainAudit Chains => new ChainAudit(
        () => SqliteChainSnapshot.ForVerify(options.DatabasePath, options.HmacKey), () => SqliteChainSnapshot.ForHeads(options.DatabasePath),
        options.HmacKey, Errors, options.Clock);

    public IChangeExport Export => new SqliteChangeExport(options.DatabasePath, options.HmacKey);

    public IDeliveryAdministration Deliveries => new SqliteDeliveryAdministration(options.DatabasePath);

    public IAuditReader Audit => new SqliteAuditReader(options.DatabasePath, options.HmacKey);

    /// <summary>SQLite only: <c>VACUUM INTO</c> a file beside the target.</summary>
    public IStoreBackup Backup => new SqliteStoreBackup(options.DatabasePath, options.HmacKey);

    /// <summary>One process per file: the dashboard keeps its key ring in a folder beside it.</summary>
    public IDashboardKeyRing? SharedKeyRing => null;
}
