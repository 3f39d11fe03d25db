namespace Bot.Evidence.Chain;

/// <summary>
/// A run of consecutive records copied out of SQLite for <see cref="ChainVerifier"/>: stored <c>seq</c>, <c>prev_hash</c>
/// (slot 0), <c>hash</c> (slot 1) and column values (slots 2..), then (filled by a hashing worker) each record's recomputed
/// hash. Reused batch after batch, so verify allocates a handful of these whatever the chain's length.
/// </summary>
internal sealed class VerifyBatch : RecordBatch
{
    private readonly bool[] _hashMatches = new bool[Capacity];
    private readonly byte[] _computed = new byte[Capacity * ChainHasher.HashSize];
    private readonly ManualResetEventSlim _hashed = new(false);

    /// <param name="columns">The table's record columns; two more slots per record hold the stored prev_hash and hash.</param>
    public VerifyBatch(int columns)
        : base(columns + 2)
    {
    }

    public override void Clear()
    {
        base.Clear();
        // Nothing of the previous use may pass for a result of this one.
        Array.Clear(_hashMatches);
        Failure = null;
        _hashed.Reset();
    }

    public ReadOnlySpan<byte> StoredPrevHash(int record) => Text(record, 0);

    public ReadOnlySpan<byte> StoredHash(int record) => Text(record, 1);

    /// <summary>The recomputed hash of a record (valid once <see cref="WaitHashed"/> returned).</summary>
    public Span<byte> Computed(int record) => _computed.AsSpan(record * ChainHasher.HashSize, ChainHasher.HashSize);

    /// <summary>Whether the recomputed hash, as lowercase hex, is the stored text.</summary>
    public bool HashMatches(int record) => _hashMatches[record];

    public void SetHashMatches(int record, bool matches) => _hashMatches[record] = matches;

    /// <summary>What stopped a worker from hashing this batch; the verifier rethrows it rather than judge the chain.</summary>
    public Exception? Failure { get; set; }

    public void MarkHashed() => _hashed.Set();

    public void WaitHashed() => _hashed.Wait();

    /// <summary>Reads the columns of one record for <see cref="ChainRecordEncoder"/>.</summary>
    public readonly struct RecordValues(VerifyBatch batch, int record) : IChainValueReader
    {
        public bool IsNull(int ordinal) => batch.IsNull(record, ordinal + 2);

        public long GetInt64(int ordinal) => batch.Integer(record, ordinal + 2);

        public ReadOnlySpan<byte> GetUtf8(int ordinal) => batch.Text(record, ordinal + 2);
    }
}
