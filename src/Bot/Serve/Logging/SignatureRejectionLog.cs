using System.Net;

namespace Bot.Serve.Logging;

/// <summary>
/// Logs rejected webhook signatures without letting unauthenticated traffic flood the log: the first rejection from a
/// source (remote address) in a minute is logged at once; the ones after it in that minute are counted and logged as one
/// line per source when the minute is over. Memory is bounded: past <see cref="MaxSources"/> sources in a minute, the
/// rest are counted together.
/// </summary>
public sealed class SignatureRejectionLog : IDisposable
{
    public const int MaxSources = 100;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private const string OtherSources = "other sources";

    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _suppressed = new(StringComparer.Ordinal);
    private readonly ITimer _flush;
    private DateTimeOffset _windowStart;

    public SignatureRejectionLog(ILoggerFactory loggers, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(clock);
        // The endpoint's category, so an operator filtering on it sees these lines where they always were.
        _logger = loggers.CreateLogger("Bot.Serve.Http.WebhookEndpoint");
        _clock = clock;
        _windowStart = clock.GetUtcNow();
        // Reports a minute's counts even when the rejections stop; idle, it does nothing.
        _flush = clock.CreateTimer(_ => FlushIfDue(), null, Window, Window);
    }

    public void Rejected(IPAddress? remote)
    {
        var source = remote?.ToString() ?? "unknown";
        var now = _clock.GetUtcNow();
        bool first;
        List<(string Source, int Count)> due;
        lock (_gate)
        {
            due = TakeIfDue(now);
            var key = _suppressed.ContainsKey(source) || _suppressed.Count < MaxSources ? source : OtherSources;
            first = !_suppressed.TryGetValue(key, out var count);
            _suppressed[key] = first ? 0 : count + 1;
        }
        Report(due);
        if (first)
        {
            _logger.LogWarning("Rejected a webhook with a missing or wrong X-Hub-Signature-256 from {Remote}; further rejections from it are counted and logged once a minute",
                source);
        }
    }

    /// <summary>Logs the counts of a minute that is over (the timer calls this; so may a test that moves the clock).</summary>
    public void FlushIfDue()
    {
        List<(string Source, int Count)> due;
        lock (_gate) due = TakeIfDue(_clock.GetUtcNow());
        Report(due);
    }

    public void Dispose() => _flush.Dispose();

    private List<(string Source, int Count)> TakeIfDue(DateTimeOffset now)
    {
        if (now - _windowStart < Window) return [];
        var due = _suppressed.Where(entry => entry.Value > 0).Select(entry => (entry.Key, entry.Value)).ToList();
        _suppressed.Clear();
        _windowStart = now;
        return due;
    }

    private void Report(List<(string Source, int Count)> due)
    {
        foreach (var (source, count) in due)
        {
            _logger.LogWarning("Rejected {Count} more webhooks with a missing or wrong X-Hub-Signature-256 from {Remote} in the last minute",
                count, source);
        }
    }
}
