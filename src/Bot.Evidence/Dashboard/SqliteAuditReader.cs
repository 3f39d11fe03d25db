using Bot.Evidence.Export;

namespace Bot.Evidence.Dashboard;

/// <summary>The dashboard's reads of the SQLite file, each on a read-only connection of its own as <c>bot export</c> opens one.</summary>
internal sealed class SqliteAuditReader(string dbPath, byte[]? hmacKey) : IAuditReader
{
    public PopulationOverview Overview(ExportRequest request) => OverviewReader.Read(dbPath, request);

    public IReadOnlyList<string> Repositories() => ChangeBrowser.Repositories(dbPath);

    public ChangePage Changes(ChangeFilter filter, ChangeCursor? after, ChangeCursor? before, int size) =>
        ChangeBrowser.Page(dbPath, filter, after, before, size);

    public Task<ChangeDetail?> ChangeAsync(long seq, CancellationToken cancellationToken) => ChangeDetails.FindAsync(dbPath, seq, cancellationToken);

    public IReadOnlyList<ChainReport> VerifyChains() => ChainCheck.VerifyAll(dbPath, hmacKey);
}
