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
}
