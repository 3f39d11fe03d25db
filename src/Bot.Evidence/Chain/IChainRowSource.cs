using System.Runtime.ExceptionServices;

namespace Bot.Evidence.Chain;

/// <summary>Where verify reads a chain from: the stored records in seq order, copied into batches exactly as stored. A
/// provider implements only this; the hashing and the checks (<see cref="ChainWalk"/>) are shared.</summary>
internal interface IChainRowSource : IDisposable
{
    /// <summary>The error that ended reading early, thrown only after the records read before it were checked.</summary>
    ExceptionDispatchInfo? Error { get; }

    /// <summary>Fills <paramref name="batch"/> (cleared first) with the next records: seq, then slot 0 the stored
    /// <c>prev_hash</c>, slot 1 the stored <c>hash</c> and slots 2.. the record columns as their stored UTF-8 text or
    /// integer (NULL as null); false once the table is exhausted or failed.</summary>
    bool Fill(VerifyBatch batch);
}
