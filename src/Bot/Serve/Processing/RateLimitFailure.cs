using Bot.GitHub.Http;
using Bot.GitHub.Rest;

namespace Bot.Serve.Processing;

/// <summary>Failures that only mean "the installation's API budget is spent until a reset GitHub named": the work waits for the
/// reset; it has not failed (policy.md §8: running out of budget is never a failure and never a success).</summary>
public static class RateLimitFailure
{
    /// <summary>A moment after the reset: GitHub's reset is whole seconds, and clocks drift.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    /// <summary>When held work may try again: just after the reset, or, when the reset named is already past (a skewed
    /// clock), after the minute GitHub asks to wait, so the budget is not asked for again and again.</summary>
    public static DateTimeOffset WaitUntil(DateTimeOffset reset, DateTimeOffset now) =>
        reset > now ? reset + Margin : now + InstallationRateLimits.PastResetWait;

    /// <summary>When the budget resets, if that is what <paramref name="error"/> is about; else null.</summary>
    public static DateTimeOffset? ResetOf(Exception error) => error switch
    {
        GitHubApiException { RateLimitResetAt: { } reset } => reset,
        AggregateException { InnerExceptions: var inner } => inner.Select(ResetOf).Max(),
        _ => null,
    };
}
