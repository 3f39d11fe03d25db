namespace Bot.Evidence.Chain;

/// <summary>The head of a chain as an appender carries it: the last record's seq and its hash as raw bytes (seq 0 and
/// <see cref="ChainHasher.Genesis"/> for an empty chain).</summary>
internal readonly record struct ChainHead(long Seq, byte[] Hash)
{
    public static ChainHead Empty => new(0, ChainHasher.Genesis.ToArray());

    /// <summary>The head as a database stores it (seq and the hash as lowercase hex), refused when the hash is malformed:
    /// nothing may be chained onto a record that would not verify.</summary>
    public static ChainHead FromStored(string table, long seq, string hex) => hex.Length == 2 * ChainHasher.HashSize
        ? new ChainHead(seq, Convert.FromHexString(hex))
        : throw new InvalidOperationException($"{table}: the head record (seq {seq}) has a malformed hash '{hex}'; run verify.");
}

/// <summary>The record that follows a head: what a provider stores in <c>seq</c>, <c>prev_hash</c> and <c>hash</c>.</summary>
internal readonly record struct ChainLink(long Seq, string PrevHashHex, byte[] Hash, string HashHex)
{
    public ChainHead Head => new(Seq, Hash);
}

/// <summary>
/// Computes the next link of one chain: the record's canonical JSON after the head's hash, hashed with the chain's key.
/// The one implementation every provider appends with, so a record hashes the same whichever database stores it; a
/// provider only reads the head and writes the row. Reuses its buffers: one per writer, not thread-safe.
/// </summary>
internal sealed class ChainLinker(ChainedTable table, ChainHasher hasher)
{
    private readonly CanonicalJsonWriter _writer = new();
    private byte[] _scratch = new byte[4096];

    /// <summary>The link after <paramref name="head"/> for <paramref name="values"/> (already validated by <see cref="ChainRow"/>).</summary>
    public ChainLink Next(ChainHead head, object?[] values)
    {
        var seq = head.Seq + 1;
        var reader = new ObjectArrayValueReader(values, _scratch);
        ChainRecordEncoder.Encode(_writer, table, seq, head.Hash, ref reader);
        _scratch = reader.Scratch;
        var hash = new byte[ChainHasher.HashSize];
        hasher.Compute(_writer.WrittenSpan, hash);
        return new ChainLink(seq, ChainHasher.ToHex(head.Hash), hash, ChainHasher.ToHex(hash));
    }
}
