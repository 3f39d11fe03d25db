using Bot.Evidence.Export;

namespace Bot.Evidence.Dashboard;

/// <summary>
/// What the compliance lead's dashboard reads from the store (docs/dashboard.md): read-only, each answer from one
/// snapshot, with the export's own filter and definitions so that a page and <c>bot export</c> never disagree. Store errors
/// are the provider's (<see cref="Health.IStoreErrors"/>); a store chained with another key is an
/// <see cref="Storage.EvidenceSchemaException"/>.
/// </summary>
public interface IAuditReader
{
    /// <summary>The Overview of a period: the export's population and completeness figures without its rows, and each
    /// chain's tip.</summary>
    PopulationOverview Overview(ExportRequest request);

    /// <summary>Every repository with a recorded change, in the export's order.</summary>
    IReadOnlyList<string> Repositories();

    /// <summary>One page of the Changes table, newest first, before or after a cursor.</summary>
    ChangePage Changes(ChangeFilter filter, ChangeCursor? after, ChangeCursor? before, int size);

    /// <summary>A change by its seq in the changes chain, with its decisions and overrides; null when there is none.</summary>
    Task<ChangeDetail?> ChangeAsync(long seq, CancellationToken cancellationToken = default);

    /// <summary>Verifies every chain as <c>bot verify</c> does and reports each one, walking every chain even when an earlier
    /// one is broken, all in one snapshot.</summary>
    IReadOnlyList<ChainReport> VerifyChains();
}
