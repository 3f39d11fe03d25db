namespace Bot.Tests.Support;

/// <summary>A clock the test moves by hand (<see cref="Now"/>). Only "now" is fake; timers stay real.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
