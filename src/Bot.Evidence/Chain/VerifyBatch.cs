namespace Bot.Evidence.Chain;

/// <summary>
/// A run of consecutive records copied out of SQLite for <see cref="ChainVerifier"/>: stored <c>seq</c>, <c>prev_hash</c>,
/// <c>hash</c> and column values, then (filled by a hashing worker) each record's recomputed hash. Reused batch after batch,
/// so verify allocates a handful of these whatever the chain's length.
/// </summary>
internal sealed class VerifyBatch
{
    /// <summary>Records per batch: enough to amortise the hand-over between threads, few enough to keep the workers busy early.</summary>
    public const int Capacity = 256;

    // Past this much text a batch closes early, so a chain of huge records does not hold huge buffers.
    private const int DataSoftLimit = 1 << 20;
    private const int Null = -1;

    private readonly int _slots;
    private readonly long[] _seq = new long[Capacity];
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly long[] _integer;
    private readonly bool[] _hashMatches = new bool[Capacity];
    private readonly byte[] _computed = new byte[Capacity * ChainHasher.HashSize];
    private readonly ManualResetEventSlim _hashed = new(false);
    private byte[] _data = new byte[256 * 1024];
    private int _dataLength;

    /// <param name="columns">The table's record columns; two more slots per record hold the stored prev_hash and hash.</param>
    public VerifyBatch(int columns)
    {
        _slots = columns + 2;
        _start = new int[Capacity * _slots];
        _length = new int[Capacity * _slots];
        _integer = new long[Capacity * _slots];
    }

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity || _dataLength >= DataSoftLimit;

    public void Clear()
    {
        Count = 0;
        _dataLength = 0;
        // Nothing of the previous use may pass for a result of this one.
        Array.Clear(_hashMatches);
        Failure = null;
        _hashed.Reset();
    }

    /// <summary>Starts the next record; its values follow through the Set methods, slot 0 prev_hash, 1 hash, 2.. the columns.</summary>
    public int AddRecord(long seq)
    {
        _seq[Count] = seq;
        return Count++;
    }

    public void SetNull(int record, int slot) => _length[(record * _slots) + slot] = Null;

    public void SetInteger(int record, int slot, long value)
    {
        var i = (record * _slots) + slot;
        _length[i] = 0;
        _integer[i] = value;
    }

    /// <summary>Copies the bytes of the current row's <paramref name="column"/> as the value of <paramref name="slot"/>.</summary>
    public void SetText(int record, int slot, SqliteColumnReader columns, int column)
    {
        var length = columns.CopyBytes(column, ref _data, _dataLength);
        var i = (record * _slots) + slot;
        _start[i] = _dataLength;
        _length[i] = length;
        _dataLength += length;
    }

    public long Seq(int record) => _seq[record];

    public bool IsNull(int record, int slot) => _length[(record * _slots) + slot] == Null;

    public long Integer(int record, int slot) => _integer[(record * _slots) + slot];

    public ReadOnlySpan<byte> Text(int record, int slot)
    {
        var i = (record * _slots) + slot;
        return _data.AsSpan(_start[i], _length[i]);
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
