using System.Collections.Frozen;

namespace Bot.Serve.Handlers;

/// <summary>Event name -> its one handler, from the handlers registered in DI.</summary>
public sealed class WebhookHandlerMap
{
    private readonly FrozenDictionary<string, IWebhookHandler> _byEvent;

    public WebhookHandlerMap(IEnumerable<IWebhookHandler> handlers)
    {
        var byEvent = new Dictionary<string, IWebhookHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var name in handler.Events)
            {
                // Two handlers for one event would make the outcome depend on registration order.
                if (!byEvent.TryAdd(name, handler))
                    throw new InvalidOperationException($"both {byEvent[name].GetType().Name} and {handler.GetType().Name} handle {name}");
            }
        }
        _byEvent = byEvent.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The handler of <paramref name="eventName"/>; null for an event no handler takes (nothing to do).</summary>
    public IWebhookHandler? For(string eventName) => _byEvent.GetValueOrDefault(eventName);
}
