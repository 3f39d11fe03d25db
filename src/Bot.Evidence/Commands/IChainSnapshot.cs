using Bot.Evidence.Chain;

namespace Bot.Evidence.Commands;

/// <summary>One read-only snapshot of every chain of a store, opened by its provider for <see cref="ChainAudit"/>: the
/// provider reads rows, the audit (and <see cref="ChainWalk"/>'s hashing) is shared.</summary>
internal interface IChainSnapshot : IDisposable
{
    /// <summary>Whether the store has the chain at all (a store from before the chain existed has no table for it).</summary>
    bool Has(ChainedTable table);

    /// <summary>Recomputes the chain through <see cref="ChainWalk"/> over the provider's rows.</summary>
    ChainVerification Verify(ChainedTable table, ChainHasher hasher, ChainCheckpoint? expected);

    /// <summary>The newest record's seq and stored hash; null for an empty chain.</summary>
    (long Seq, string Hash)? Head(ChainedTable table);
}
