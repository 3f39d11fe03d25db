namespace Bot.GitHub.Http;

/// <summary>Retry / timeout / circuit-breaker settings. Defaults suit production; tests shrink the delays.</summary>
public sealed class GitHubResilienceOptions
{
    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the jittered exponential backoff.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the computed backoff.</summary>
    public TimeSpan MaxBackoffDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait honoured from <c>Retry-After</c> / <c>X-RateLimit-Reset</c>; a longer demand is capped to this.</summary>
    public TimeSpan MaxServerRequestedDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one attempt (GitHub aborts server work after 10 s itself).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Share of failed attempts in <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the sampling window before the breaker may open.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Observer of every retry decision (attempt number and the delay computed); for metrics and tests.</summary>
    public Action<RetryDecision>? OnRetry { get; set; }
}

/// <summary>One retry about to happen: <paramref name="Attempt"/> is 0 for the first retry.</summary>
public sealed record RetryDecision(int Attempt, TimeSpan Delay, int? StatusCode, string? ExceptionType);
