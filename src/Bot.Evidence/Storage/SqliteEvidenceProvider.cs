using Bot.Evidence.Chain;
using Bot.Evidence.Commands;
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

    public IEvidenceStore Open() => SqliteEvidenceStore.Open(options);

    public bool Exists() => File.Exists(Location);

    public long Migrate()
    {
        var database = new SqliteDatabase(options.DatabasePath);
        using var connection = database.Open();
        Migrator.Apply(connection, database.Path);
        ChainKeyGuard.Check(connection, new ChainHasher(options.HmacKey), options.HmacKey, database.Path);
        return Migrator.CurrentVersion(connection, null);
    }

    public int Verify(string? checkpoint, TextWriter output) => EvidenceCommands.Verify(Location, options.HmacKey, checkpoint, output);

    public int Checkpoint(TextWriter output) => EvidenceCommands.Checkpoint(Location, output, options.Clock);
}
