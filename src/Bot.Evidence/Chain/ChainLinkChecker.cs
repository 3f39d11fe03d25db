using System.Text;

namespace Bot.Evidence.Chain;

/// <summary>
/// The in-order half of verify: given batches whose hashes are recomputed, checks record after record that seq runs
/// 1, 2, 3 … without gaps, that prev_hash is the previous record's hash, that the stored hash is the recomputed one, and
/// the checkpoint. Stops at the first record that fails, in that order of checks, so the report names the lowest broken seq.
/// Checkpoint failures name <paramref name="chain"/>, since a checkpoint anchors several chains.
/// </summary>
internal sealed class ChainLinkChecker(ChainCheckpoint? checkpoint, string chain)
{
    private readonly byte[] _previous = ChainHasher.Genesis.ToArray();
    private readonly byte[] _previousHex = new byte[2 * ChainHasher.HashSize];
    private readonly byte[]? _checkpointHash = checkpoint is null ? null : Encoding.UTF8.GetBytes(checkpoint.Hash);
    private long _expectedSeq = 1;

    /// <summary>Records verified so far.</summary>
    public long Records => _expectedSeq - 1;

    /// <summary>The first broken record in <paramref name="batch"/>, or null when all of them hold.</summary>
    public ChainBreak? Check(VerifyBatch batch)
    {
        ChainHasher.ToHexUtf8(_previous, _previousHex);
        for (var record = 0; record < batch.Count; record++)
        {
            if (Link(batch, record) is { } broken)
            {
                return broken;
            }
            batch.Computed(record).CopyTo(_previous);
            // The stored hash equals the hex of the one just computed.
            batch.StoredHash(record).CopyTo(_previousHex);
            _expectedSeq++;
        }
        return null;
    }

    private ChainBreak? Link(VerifyBatch batch, int record)
    {
        var seq = batch.Seq(record);
        if (seq != _expectedSeq)
        {
            return new(_expectedSeq, "seq", _expectedSeq.ToString(), $"{seq} (a record is missing or out of order)");
        }
        var storedPrevious = batch.StoredPrevHash(record);
        if (!storedPrevious.SequenceEqual(_previousHex))
        {
            return new(seq, "prev_hash", ChainHasher.ToHex(_previous), Text(storedPrevious));
        }
        var storedHash = batch.StoredHash(record);
        if (!batch.HashMatches(record))
        {
            return new(seq, "hash", ChainHasher.ToHex(batch.Computed(record)), Text(storedHash));
        }
        if (_checkpointHash is not null && seq == checkpoint!.Seq && !storedHash.SequenceEqual(_checkpointHash))
        {
            return new(seq, $"hash ({chain} checkpoint)", checkpoint.Hash, Text(storedHash));
        }
        return null;
    }

    /// <summary>After the last record: a checkpoint beyond the end means the tail was cut off.</summary>
    public ChainBreak? Finish() =>
        checkpoint is not null && Records < checkpoint.Seq
            ? new(checkpoint.Seq, "record", $"hash {checkpoint.Hash} (checkpoint of {checkpoint.Time})",
                $"nothing: the {chain} chain ends at seq {Records} (its tail was cut off)")
            : null;

    /// <summary>The hash of the last record that held (64 zeros before the first).</summary>
    public string HeadHash => ChainHasher.ToHex(_previous);

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
