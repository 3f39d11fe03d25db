using System.Runtime.CompilerServices;
using Bot.Evidence.Health;

namespace Bot.Serve.Http;

/// <summary>What the workers met that an operator must see (<c>/readyz</c> says not ready, <c>/status</c> says why): the process is up, but evidence or inbox
/// writes are failing (disk full, database locked), so deliveries wait in the inbox instead of being decided.</summary>
public sealed class ServiceHealth
{
    // One per evidence store, so each host (tests run several in one process) has its own without a DI registration.
    private static readonly ConditionalWeakTable<IStoreHealth, ServiceHealth> ByStore = [];

    private readonly Lock _gate = new();
    private string? _problem;
    private DateTimeOffset _since;

    public static ServiceHealth For(IStoreHealth store) => ByStore.GetValue(store, _ => new ServiceHealth());

    /// <summary>Null while writes succeed; else since when and why they fail.</summary>
    public string? StoreProblem
    {
        get
        {
            lock (_gate) return _problem is null ? null : $"evidence store writes failing since {_since:O}: {_problem}";
        }
    }

    public void WriteFailed(string reason, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_problem is null) _since = at;
            _problem = reason;
        }
    }

    public void WriteSucceeded()
    {
        lock (_gate) _problem = null;
    }
}
