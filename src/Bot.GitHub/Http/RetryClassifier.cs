using System.Globalization;
using System.Net;
using Polly.Timeout;

namespace Bot.GitHub.Http;

/// <summary>Which outcomes are worth another attempt, and how long GitHub asked us to wait
/// (github-api-notes §5: never blindly retry 4xx except rate limits).</summary>
public static class RetryClassifier
{
    /// <summary>5xx, 408, 429, a rate-limit 403, a timeout or a transport failure.</summary>
    public static async ValueTask<bool> IsRetryableAsync(HttpResponseMessage? response, Exception? exception)
    {
        if (exception is not null)
        {
            return exception is HttpRequestException or TimeoutRejectedException;
        }

        if (response is null)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        return status >= 500 || status == 408 || status == 429 ||
               (response.StatusCode == HttpStatusCode.Forbidden && await IsRateLimitedForbiddenAsync(response));
    }

    /// <summary>Failures that mean "GitHub is unhealthy" and feed the circuit breaker; rate limits do not.</summary>
    public static bool IsOutage(HttpResponseMessage? response, Exception? exception) =>
        exception is HttpRequestException or TimeoutRejectedException ||
        (response is not null && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout));

    /// <summary>A 403 is a rate limit (not a permission problem) when it carries Retry-After, says the primary
    /// budget is spent, or its body names the secondary rate limit.</summary>
    public static async ValueTask<bool> IsRateLimitedForbiddenAsync(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not null || IsPrimaryBudgetSpent(response))
        {
            return true;
        }

        // ReadAsStringAsync buffers the content, so the caller can still read the body afterwards.
        var body = await response.Content.ReadAsStringAsync();
        return body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The wait GitHub asked for, capped at <paramref name="cap"/>; null when the response names none
    /// (then the exponential backoff applies). A rate-limited 403/429 without a hint waits the cap, as GitHub advises
    /// waiting at least a minute.</summary>
    public static TimeSpan? ServerRequestedDelay(HttpResponseMessage response, DateTimeOffset now, TimeSpan cap)
    {
        TimeSpan? requested = null;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            requested = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : TimeSpan.Zero);
        }
        else if (IsPrimaryBudgetSpent(response) && TryGetHeader(response, "X-RateLimit-Reset") is { } reset &&
                 long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            requested = DateTimeOffset.FromUnixTimeSeconds(epoch) - now;
        }
        else if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden)
        {
            requested = cap;
        }

        if (requested is not { } delay)
        {
            return null;
        }

        if (delay < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return delay > cap ? cap : delay;
    }

    /// <summary>When the primary budget resets, for a 403 or 429 that says it is spent (<c>x-ratelimit-remaining: 0</c>) and
    /// names the reset; null for any other response.</summary>
    public static DateTimeOffset? PrimaryBudgetReset(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests && IsPrimaryBudgetSpent(response)
        && TryGetHeader(response, "X-RateLimit-Reset") is { } reset
        && long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;

    /// <summary>Whether to try again: <see cref="IsRetryableAsync"/>, except a spent primary budget that resets later than
    /// <paramref name="cap"/> from now. Asking again before the reset only gets the same 403 (GitHub bans Apps that keep
    /// asking), so such a response goes back to the caller, which holds the installation's work until the reset.</summary>
    public static ValueTask<bool> ShouldRetryAsync(HttpResponseMessage? response, Exception? exception, DateTimeOffset now, TimeSpan cap) =>
        response is not null && PrimaryBudgetReset(response) is { } reset && reset - now > cap
            ? ValueTask.FromResult(false)
            : IsRetryableAsync(response, exception);

    private static bool IsPrimaryBudgetSpent(HttpResponseMessage response) =>
        TryGetHeader(response, "X-RateLimit-Remaining") == "0";

    private static string? TryGetHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}
