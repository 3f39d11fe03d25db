using Bot.Evidence.Commands;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Export;

namespace Bot.Evidence.Postgres;

/// <summary>
/// What the postgres provider does not have yet (issue 17): the export and the dashboard's reads still read SQLite's
/// file, and <c>bot backup</c> is SQLite's VACUUM INTO. Each refuses with a <see cref="NotSupportedException"/> that says so, instead
/// of reading a file that is not the store.
/// </summary>
internal sealed class PostgresNotYet : IChangeExport, IAuditReader, IStoreBackup
{
    public static PostgresNotYet Instance { get; } = new();

    private static NotSupportedException No(string what) =>
        new($"{what} is not available on the postgres provider yet; it reads a SQLite store only (docs/evidence.md, PostgreSQL).");

    public ExportCompleteness Export(ExportRequest request, Stream output) => throw No("The CC8.1 export");

    public PopulationOverview Overview(ExportRequest request) => throw No("The dashboard");

    public IReadOnlyList<string> Repositories() => throw No("The dashboard");

    public ChangePage Changes(ChangeFilter filter, ChangeCursor? after, ChangeCursor? before, int size) => throw No("The dashboard");

    public Task<ChangeDetail?> ChangeAsync(long seq, CancellationToken cancellationToken = default) => throw No("The dashboard");

    public IReadOnlyList<ChainReport> VerifyChains() => throw No("The dashboard");

    public int Backup(string outPath, TextWriter output, TextWriter error)
    {
        error.WriteLine("error: bot backup copies a SQLite file; back a PostgreSQL store up with its own tools (pg_dump, base backups).");
        return IStoreBackup.BadInput;
    }
}
