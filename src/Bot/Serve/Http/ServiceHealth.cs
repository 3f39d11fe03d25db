namespace Bot.Serve.Http;

/// <summary>What the workers met that an operator must see (<c>/readyz</c> says not ready, <c>/status</c> says why): the process is up, but evidence or inbox
/// writes are failing (disk full, database locked), so deliveries wait in the inbox instead of being decided. One per
/// host (a singleton): the workers write it, <see cref="Readiness"/> reads it.</summary>
public sealed class ServiceHealth
{
    private readonly Lock _gate = new();
    private string? _problem;
    private DateTimeOffset _since;

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
