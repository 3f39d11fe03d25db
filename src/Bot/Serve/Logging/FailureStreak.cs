namespace Bot.Serve.Logging;

/// <summary>
/// For a loop that keeps meeting the same failure (GitHub unreachable, a sweep failing every interval, the inbox
/// refusing claims): every failure is still logged, as one line with its <see cref="Reason"/>, but the stack trace only
/// at the first failure of each kind (exception type) in a streak. So an outage of hours
/// shows its cause once instead of thirty lines every fifteen minutes. A success ends the streak.
/// <code>logger.LogError(streak.StackTraceOnce(e), "Sweep failed: {Reason}", FailureStreak.Reason(e));</code>
/// </summary>
public sealed class FailureStreak
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _kinds = new(StringComparer.Ordinal);
    private int _failures;
    private DateTimeOffset _since;

    /// <summary>Failures since the streak began (0: none).</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Counts the failure; returns it when its stack trace should be logged (first of its kind in the streak),
    /// else null, to pass as the logger's exception argument.</summary>
    public Exception? StackTraceOnce(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var kind = KindOf(error);
        lock (_gate)
        {
            if (_failures == 0) _since = DateTimeOffset.UtcNow;
            _failures++;
            return _kinds.Add(kind) ? error : null;
        }
    }

    /// <summary>Ends the streak; true (with its length and start) when there was one, so the caller can say it recovered.
    /// Cheap when there was none: called after every success.</summary>
    public bool End(out int failures, out DateTimeOffset since)
    {
        failures = 0;
        since = default;
        if (Volatile.Read(ref _failures) == 0) return false;
        lock (_gate)
        {
            (failures, since) = (_failures, _since);
            _failures = 0;
            _kinds.Clear();
        }
        return failures > 0;
    }

    /// <summary>The failure in one line: each exception's type and message, outermost first.</summary>
    public static string Reason(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var parts = new List<string>();
        for (var e = error; e is not null && parts.Count < 4; e = e.InnerException)
            parts.Add($"{e.GetType().Name}: {e.Message}");
        return string.Join(" ---> ", parts).ReplaceLineEndings(" ");
    }

    // The outermost and the innermost type: "GitHubApiException/SocketException" stays one kind however its message varies.
    private static string KindOf(Exception error)
    {
        var inner = error;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return error.GetType().FullName + "/" + inner.GetType().FullName;
    }
}
