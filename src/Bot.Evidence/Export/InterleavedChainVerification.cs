using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Export;

/// <summary>
/// Verifies every evidence chain of the export's snapshot a batch at a time, between rows: each <see cref="Step"/> reads one
/// batch of records on the export's connection and thread and hands it to the hashing workers, which then hash while the
/// thread formats rows. The rows do not depend on the verdict, which goes into the completeness section at the end, so
/// hashing and row writing share the cores instead of running one after the other. Same connection, same read
/// transaction: the chains verified are exactly the snapshot the rows come from.
/// </summary>
internal sealed class InterleavedChainVerification(SqliteConnection connection, ChainHasher hasher) : IExportChainVerification
{
    private readonly List<(string Chain, ChainVerification Result)> _results = [];
    private int _next;
    private ChainWalk? _walk;

    /// <summary>Verifies one more batch of records (nothing once every chain is done).</summary>
    public void Step()
    {
        if (_next == EvidenceChains.All.Count)
        {
            return;
        }
        var table = EvidenceChains.All[_next];
        _walk ??= new ChainWalk(connection, table, hasher, checkpoint: null, Environment.ProcessorCount);
        if (!_walk.Step())
        {
            _results.Add((table.Name, _walk.Result()));
            _walk.Dispose();
            _walk = null;
            _next++;
        }
    }

    /// <summary>Verifies what is left and returns each chain's verdict, in <see cref="EvidenceChains.All"/> order.</summary>
    public IReadOnlyList<(string Chain, ChainVerification Result)> Finish()
    {
        while (_next < EvidenceChains.All.Count)
        {
            Step();
        }
        return _results;
    }

    public void Dispose() => _walk?.Dispose();
}
