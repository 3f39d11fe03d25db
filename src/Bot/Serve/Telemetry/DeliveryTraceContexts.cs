using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bot.Serve.Telemetry;

/// <summary>Carries a delivery's intake span across the inbox to the worker that processes it, so both belong to one
/// trace. Kept in memory, not in the database: a delivery processed by another process or after a restart starts a
/// trace of its own (tagged with the same delivery id) instead of costing every stored delivery a column. Bounded: past
/// <see cref="Capacity"/> waiting deliveries (a long outage) new ones are not remembered.</summary>
public sealed class DeliveryTraceContexts
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, ActivityContext> _contexts = new(StringComparer.Ordinal);

    public void Remember(string deliveryId, ActivityContext context)
    {
        if (context == default || _contexts.Count >= Capacity) return;
        _contexts[deliveryId] = context;
    }

    /// <summary>The intake context of the delivery (default if unknown), forgotten once taken.</summary>
    public ActivityContext Take(string deliveryId) => _contexts.TryRemove(deliveryId, out var context) ? context : default;
}
