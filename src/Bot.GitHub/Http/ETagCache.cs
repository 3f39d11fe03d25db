namespace Bot.GitHub.Http;

/// <summary>A GET response kept for conditional requests: the validator, the body and the headers the client reads.</summary>
internal sealed record CachedResponse(string ETag, byte[] Body, string? ContentType, IReadOnlyList<string> Link);

/// <summary>Bounded least-recently-used map from (caller identity, URL) to the last 200 response with an ETag.</summary>
internal sealed class ETagCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, CachedResponse>>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<KeyValuePair<string, CachedResponse>> _order = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    public bool TryGet(string key, out CachedResponse? entry)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                entry = node.Value.Value;
                return true;
            }
        }

        entry = null;
        return false;
    }

    public void Set(string key, CachedResponse entry)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_index.Remove(key, out var existing))
            {
                _order.Remove(existing);
            }

            _index[key] = _order.AddFirst(new KeyValuePair<string, CachedResponse>(key, entry));
            while (_index.Count > capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _index.Remove(last.Value.Key);
            }
        }
    }
}
