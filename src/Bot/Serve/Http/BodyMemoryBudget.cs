namespace Bot.Serve.Http;

/// <summary>
/// The bytes that webhook bodies may hold while they are read, before their signature says whether they come from GitHub,
/// all requests together. A request takes what its body needs before reading it, and waits (bounded) when that is not free.
/// A request whose amount fits takes it at once even while larger ones wait: a large unsigned body cannot hold up the small
/// signed deliveries behind it, and a waiting request holds no memory. Taking a body's whole size up front (rather than
/// piece by piece as it arrives) means no two half-read bodies can each wait for memory the other holds.
/// </summary>
public sealed class BodyMemoryBudget
{
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private long _available;

    public BodyMemoryBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _available = capacity;
    }

    public long Capacity { get; }

    /// <summary>Bytes not taken right now.</summary>
    public long Available
    {
        get { lock (_gate) return _available; }
    }

    /// <summary>Takes <paramref name="bytes"/>, waiting at most <paramref name="wait"/>; false when they did not become free
    /// in time, the request was aborted, or they are more than the whole budget.</summary>
    public async Task<bool> TryTakeAsync(long bytes, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Waiter waiter;
        lock (_gate)
        {
            if (bytes > Capacity)
                return false;
            if (bytes <= _available)
            {
                _available -= bytes;
                return true;
            }
            waiter = new Waiter(bytes);
            waiter.Node = _waiters.AddLast(waiter);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        await using (deadline.Token.Register(() => GiveUp(waiter)))
        {
            return await waiter.Granted.Task;
        }
    }

    /// <summary>Gives back <paramref name="bytes"/> and hands them to waiters that fit, oldest first.</summary>
    public void Return(long bytes)
    {
        lock (_gate)
        {
            _available += bytes;
            for (var node = _waiters.First; node is not null && _available > 0;)
            {
                var next = node.Next;
                if (node.Value.Bytes <= _available)
                {
                    _available -= node.Value.Bytes;
                    _waiters.Remove(node);
                    node.Value.Granted.TrySetResult(true);
                }
                node = next;
            }
        }
    }

    private void GiveUp(Waiter waiter)
    {
        lock (_gate)
        {
            // Granted and timed out at once: the grant was made under this lock first, and stands.
            if (waiter.Node?.List is null)
                return;
            _waiters.Remove(waiter.Node);
            waiter.Granted.TrySetResult(false);
        }
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;
        public LinkedListNode<Waiter>? Node { get; set; }
        public TaskCompletionSource<bool> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
