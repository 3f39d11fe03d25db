namespace Bot.FakeGitHub;

/// <summary>One injected misbehaviour. <see cref="StatusCode"/> 0 means "delay, then answer normally".
/// <see cref="PathContains"/> limits the fault to matching request paths. <see cref="BeforeAnswer"/> runs as soon as a
/// matching request arrives (before any delay or hold), so a test can also learn that a held request is waiting.</summary>
public sealed record FakeFault(
    int StatusCode,
    TimeSpan Delay = default,
    int? RetryAfterSeconds = null,
    bool RateLimitExhausted = false,
    long? RateLimitResetEpoch = null,
    string? Message = null,
    string? PathContains = null,
    Task? HeldUntil = null,
    Action? BeforeAnswer = null)
{
    /// <summary>Runs <paramref name="change"/> (e.g. a push that moves a pull request's head) when a matching request arrives,
    /// then answers it normally from the changed state: a race between two of the bot's reads, made deterministic.</summary>
    public static FakeFault Intercept(Action change, string? pathContains = null) => new(0, PathContains: pathContains, BeforeAnswer: change);

    public static FakeFault Status(int statusCode, string? pathContains = null) =>
        new(statusCode, Message: "Server Error", PathContains: pathContains);

    /// <summary>GitHub's secondary (abuse) limit: 403 with a telling message and, usually, Retry-After.</summary>
    public static FakeFault SecondaryRateLimit(int? retryAfterSeconds = 1, string? pathContains = null) =>
        new(403, RetryAfterSeconds: retryAfterSeconds, PathContains: pathContains,
            Message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");

    public static FakeFault TooManyRequests(int? retryAfterSeconds = 1, string? pathContains = null) =>
        new(429, RetryAfterSeconds: retryAfterSeconds, PathContains: pathContains, Message: "API rate limit exceeded");

    /// <summary>Primary limit spent: 403, <c>x-ratelimit-remaining: 0</c>, <c>x-ratelimit-reset</c> at <paramref name="resetEpoch"/>.</summary>
    public static FakeFault PrimaryRateLimit(long resetEpoch, string? pathContains = null) =>
        new(403, RateLimitExhausted: true, RateLimitResetEpoch: resetEpoch, PathContains: pathContains, Message: "API rate limit exceeded");

    /// <summary>Holds the request for <paramref name="delay"/> (long enough for the client's timeout), then answers normally.</summary>
    public static FakeFault Slow(TimeSpan delay, string? pathContains = null) => new(0, delay, PathContains: pathContains);

    /// <summary>Holds the request until <paramref name="release"/> completes, then answers normally: for a test that must
    /// know the request is waiting while it changes the world around it.</summary>
    public static FakeFault Held(Task release, string? pathContains = null) => new(0, PathContains: pathContains, HeldUntil: release);

    internal bool Matches(string path) => PathContains is null || path.Contains(PathContains, StringComparison.Ordinal);
}

/// <summary>Fault injection: a queue consumed in order by matching requests, an "always" rule (an outage), and a
/// seeded random failure rate. Deterministic for a given call sequence; thread-safe.</summary>
public sealed class FakeFaults
{
    private readonly Lock _gate = new();
    private readonly LinkedList<FakeFault> _queue = new();
    private FakeFault? _always;
    private (double Ratio, Random Random, FakeFault Fault)? _random;

    /// <summary>The next <paramref name="times"/> matching requests get <paramref name="fault"/>.</summary>
    public FakeFaults Enqueue(FakeFault fault, int times = 1)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _queue.AddLast(fault);
            }
        }

        return this;
    }

    /// <summary>Every matching request fails until <see cref="Clear"/>.</summary>
    public FakeFaults Always(FakeFault fault)
    {
        lock (_gate)
        {
            _always = fault;
        }

        return this;
    }

    /// <summary>A share <paramref name="ratio"/> of requests fail, drawn from a <see cref="Random"/> seeded with <paramref name="seed"/>.</summary>
    public FakeFaults FailRandomly(double ratio, int seed, FakeFault fault)
    {
        lock (_gate)
        {
            _random = (ratio, new Random(seed), fault);
        }

        return this;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _always = null;
            _random = null;
        }
    }

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    internal FakeFault? Next(string path)
    {
        lock (_gate)
        {
            for (var node = _queue.First; node is not null; node = node.Next)
            {
                if (node.Value.Matches(path))
                {
                    _queue.Remove(node);
                    return node.Value;
                }
            }

            if (_always is { } always && always.Matches(path))
            {
                return always;
            }

            if (_random is { } random && random.Fault.Matches(path) && random.Random.NextDouble() < random.Ratio)
            {
                return random.Fault;
            }

            return null;
        }
    }
}
