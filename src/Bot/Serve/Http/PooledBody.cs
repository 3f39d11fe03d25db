using System.Buffers;
using Bot.GitHub.Webhooks;

namespace Bot.Serve.Http;

/// <summary>
/// A request body as read: fixed-size segments from a pool, holding memory taken from a <see cref="BodyMemoryBudget"/>.
/// Dispose gives both back. Nothing is copied into one array until the body's signature has been found good.
/// </summary>
public sealed class PooledBody : IDisposable
{
    private readonly ArrayPool<byte> _pool;
    private readonly BodyMemoryBudget _budget;
    private readonly int _segmentBytes;
    private readonly List<byte[]> _segments = [];
    private bool _disposed;

    internal PooledBody(ArrayPool<byte> pool, int segmentBytes, BodyMemoryBudget budget, long taken)
    {
        _pool = pool;
        _segmentBytes = segmentBytes;
        _budget = budget;
        Taken = taken;
    }

    public long Length { get; private set; }

    /// <summary>Bytes of the budget this body holds.</summary>
    internal long Taken { get; set; }

    /// <summary>Bytes of pooled memory rented so far (whole segments).</summary>
    internal long Rented => (long)_segments.Count * _segmentBytes;

    /// <summary>Every rented byte holds body: the next bytes need a new segment.</summary>
    internal bool Full => Length == Rented;

    /// <summary>Room for the next bytes: the free end of the last segment, or a new one (which the budget must cover).</summary>
    internal Memory<byte> FreeSpace()
    {
        if (Full)
            _segments.Add(_pool.Rent(_segmentBytes));
        var used = (int)(Length - Rented + _segmentBytes);
        return _segments[^1].AsMemory(used, _segmentBytes - used);
    }

    internal void Advance(int bytes) => Length += bytes;

    /// <summary>The exact bytes received, as one sequence over the segments.</summary>
    public ReadOnlySequence<byte> Bytes => BodySequence.Of(_segments.Select((segment, i) =>
        (ReadOnlyMemory<byte>)segment.AsMemory(0, (int)Math.Min(Length - ((long)i * _segmentBytes), _segmentBytes))));

    /// <summary>The body in one array of its exact length (what the inbox stores and the router parses).</summary>
    public byte[] ToArray() => Bytes.ToArray();

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var segment in _segments)
            _pool.Return(segment);
        _segments.Clear();
        _budget.Return(Taken);
    }
}
