using Bot.Evidence.Chain;

namespace Bot.Evidence.Export;

/// <summary>
/// What <see cref="ChangeExporter"/> reads, from one read snapshot of a store: the provider's SQL behind a small seam, so
/// that population order, sampling, formatting and the completeness verdict are one implementation for every provider and
/// the same data exports to the same bytes. Disposing ends the snapshot.
/// </summary>
internal interface IExportSnapshot : IDisposable
{
    /// <summary>The approved overrides of the snapshot (read once, up front).</summary>
    IOverrideLookup Overrides();

    /// <summary>The chains' verification in this snapshot, a batch per <see cref="IExportChainVerification.Step"/> where the
    /// provider can read chains between row batches.</summary>
    IExportChainVerification VerifyChains(ChainHasher hasher);

    /// <summary>The population of <paramref name="request"/> in population order, without the rows' other columns: for a
    /// sample, counted and drawn before any row is written.</summary>
    IEnumerable<CensusEntry> Census(ExportRequest request);

    /// <summary>The export query (<see cref="ExportRowReader.SelectList"/>) of <paramref name="request"/> in population order.</summary>
    IExportRowSource Rows(ExportRequest request);

    /// <summary>The completeness sources besides the changes (<see cref="CompletenessSources"/>) added to <paramref name="counted"/>.</summary>
    ExportCompleteness Complete(ExportCompleteness counted, ExportRequest request);
}

/// <summary>One change of the population as the census needs it: its findings as stored (<c>[]</c> for none).</summary>
internal readonly record struct CensusEntry(long Seq, bool AiAssisted, string Repository, string ChangeId, string FindingsJson);

/// <summary>The export query's rows, copied into <see cref="RecordBatch"/>es (slot n: column n; text as its UTF-8, integers,
/// nulls) so that another thread formats them while this one reads on.</summary>
internal interface IExportRowSource : IDisposable
{
    /// <summary>Values per row (the batch slots a row takes).</summary>
    int Columns { get; }

    /// <summary>Reads up to <see cref="RecordBatch.Capacity"/> rows into <paramref name="batch"/> (cleared first), keeping
    /// only those whose seq (column 0) is in <paramref name="selected"/> when given. False once the query is exhausted; the
    /// batch may still hold its last rows.</summary>
    bool Fill(RecordBatch batch, IReadOnlySet<long>? selected);
}

/// <summary>Verifies every evidence chain of the export's snapshot, in steps between row batches or all at the end.</summary>
internal interface IExportChainVerification : IDisposable
{
    /// <summary>Verifies one more batch of records, when the provider can between row batches.</summary>
    void Step();

    /// <summary>Verifies what is left and returns each chain's verdict, in <see cref="Changes.EvidenceChains.All"/> order.</summary>
    IReadOnlyList<(string Chain, ChainVerification Result)> Finish();
}
