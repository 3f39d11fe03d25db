namespace Bot.Evidence.Commands;

/// <summary><c>bot verify</c> and <c>bot checkpoint</c> over every chain of a store (docs/evidence.md, Commands), as the
/// commands print them. Read-only: the store is neither created nor migrated.</summary>
public interface IChainAudit
{
    /// <summary>
    /// Recomputes every chain (decisions first, then changes, overrides, …). Prints <c>ok N records, head HASH</c> for the
    /// decisions chain and <c>NAME: ok N records, head HASH</c> for every other chain that holds records, and returns 0; or
    /// the first broken record (seq, expected vs found) and returns 1. With a checkpoint (a file holding the line
    /// <see cref="Checkpoint"/> printed, or the line itself), also fails when the record a chain's head was then is missing
    /// (a truncated tail) or differs, naming the chain. Errors (no store, bad checkpoint, a keyed chain without its key)
    /// print <c>error: …</c> and return 1.
    /// </summary>
    /// <param name="checkpoint">A file holding the checkpoint line, or the line itself; null: no checkpoint.</param>
    int Verify(string? checkpoint, TextWriter output);

    /// <summary>
    /// Prints one line holding the head of every chain (<see cref="CheckpointLine"/>), read in one snapshot, so that
    /// removing the newest records of any chain is noticed later. A chain without records is anchored as empty; keep the
    /// line elsewhere. It reads stored hashes only, so it needs no key.
    /// </summary>
    int Checkpoint(TextWriter output);
}
