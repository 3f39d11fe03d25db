namespace Bot.Evidence.Chain;

/// <summary>
/// A run of consecutive rows copied out of SQLite so that another thread can work on them while SQLite steps on: each row's
/// seq and slot values (text as its stored UTF-8 bytes, integers, nulls) in a few flat arrays, reused batch after batch.
/// </summary>
internal class RecordBatch
{
    /// <summary>Records per batch: enough to amortise the hand-over between threads, few enough to keep the workers busy early.</summary>
    public const int Capacity = 256;

    // Past this much text a batch closes early, so a table of huge records does not hold huge buffers.
    private const int DataSoftLimit = 1 << 20;
    private const int Null = -1;

    private readonly int _slots;
    private readonly long[] _seq = new long[Capacity];
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly long[] _integer;
    private byte[] _data = new byte[256 * 1024];
    private int _dataLength;

    public RecordBatch(int slots)
    {
        _slots = slots;
        _start = new int[Capacity * _slots];
        _length = new int[Capacity * _slots];
        _integer = new long[Capacity * _slots];
    }

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity || _dataLength >= DataSoftLimit;

    public virtual void Clear()
    {
        Count = 0;
        _dataLength = 0;
    }

    /// <summary>Starts the next record; its values follow through the Set methods.</summary>
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

    /// <summary>Copies the bytes of <paramref name="value"/> (of the current row) as the value of <paramref name="slot"/>.</summary>
    public void SetText(int record, int slot, SqliteColumnReader.Value value)
    {
        var length = value.CopyBytes(ref _data, _dataLength);
        var i = (record * _slots) + slot;
        _start[i] = _dataLength;
        _length[i] = length;
        _dataLength += length;
    }

    /// <summary>Sets <paramref name="slot"/> to the UTF-8 bytes of <paramref name="text"/>, for a provider whose driver hands
    /// text out as strings (PostgreSQL): the stored text is valid Unicode, so its UTF-8 is the bytes stored.</summary>
    public void SetText(int record, int slot, string text)
    {
        var needed = CanonicalJsonWriter.StrictUtf8.GetMaxByteCount(text.Length);
        if (_dataLength + needed > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_dataLength + needed, 2 * _data.Length));
        }
        var length = CanonicalJsonWriter.StrictUtf8.GetBytes(text, _data.AsSpan(_dataLength));
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
}
