using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Bot.GitHub.Http;

/// <summary>The <c>Bot.GitHub</c> meter: every attempt that goes to GitHub by method, endpoint and status (a 304 is
/// its own status: it costs a round trip but no rate limit), and the primary rate limit left per installation
/// (<c>X-RateLimit-Remaining</c>).</summary>
public sealed class GitHubMetrics
{
    public const string MeterName = "Bot.GitHub";

    // Status codes are few; their label strings are made once.
    private static readonly ConcurrentDictionary<int, string> StatusLabels = new();

    private readonly Counter<long> _requests;
    private readonly ConcurrentDictionary<string, RateLimitWindow> _remaining = new(StringComparer.Ordinal);

    public GitHubMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("bot.github.requests", "{request}",
            "HTTP attempts sent to GitHub (retries included), by method, endpoint and status; status 304 is a conditional GET answered from the ETag cache, status \"error\" no answer at all");
        meter.CreateObservableGauge("bot.github.rate_limit.remaining", ObserveRemaining, "{request}",
            "The lowest X-RateLimit-Remaining GitHub reported in the current rate-limit window, per installation (\"app\": calls made with the App's JWT)");
    }

    /// <summary>Called once per attempt by the innermost handler; <paramref name="response"/> is null when none came.</summary>
    internal void Record(HttpRequestMessage request, HttpResponseMessage? response)
    {
        var status = response is null ? "error" : StatusLabels.GetOrAdd((int)response.StatusCode, code => code.ToString(CultureInfo.InvariantCulture));
        var tags = new TagList
        {
            { "method", request.Method.Method },
            { "endpoint", GitHubEndpointGroup.Of(request.RequestUri?.AbsolutePath ?? "") },
            { "status", status },
        };
        _requests.Add(1, tags);

        if (response is not null && WindowOf(response) is { } window)
        {
            _remaining.AddOrUpdate(InstallationOf(request), window, (_, known) => window.Supersedes(known) ? window : known);
        }
    }

    private IEnumerable<Measurement<long>> ObserveRemaining() =>
        _remaining.Select(entry => new Measurement<long>(entry.Value.Remaining, new KeyValuePair<string, object?>("installation", entry.Key)));

    /// <summary>Calls run in parallel, so their answers arrive in any order: within one window (same reset time) the budget
    /// only goes down, so the lowest figure is the current one; a later reset starts a new window.</summary>
    private sealed record RateLimitWindow(long Reset, long Remaining)
    {
        public bool Supersedes(RateLimitWindow known) => Reset > known.Reset || (Reset == known.Reset && Remaining < known.Remaining);
    }

    /// <summary>The core REST limit only: a search or GraphQL answer reports a budget of its own.</summary>
    private static RateLimitWindow? WindowOf(HttpResponseMessage response)
    {
        if (Header(response, "X-RateLimit-Remaining") is not { } remaining ||
            (response.Headers.TryGetValues("X-RateLimit-Resource", out var resource) && resource.FirstOrDefault() is { } name && name != "core"))
        {
            return null;
        }

        return new RateLimitWindow(Header(response, "X-RateLimit-Reset") ?? 0, remaining);
    }

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) &&
        long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>Installation clients tag their requests with a cache identity <c>installation:ID</c> (see
    /// <see cref="ETagHandler.CacheIdentity"/>); requests without one are made with the App's JWT.</summary>
    private static string InstallationOf(HttpRequestMessage request)
    {
        const string prefix = "installation:";
        return request.Options.TryGetValue(ETagHandler.CacheIdentity, out var identity) && identity.StartsWith(prefix, StringComparison.Ordinal)
            ? identity[prefix.Length..]
            : "app";
    }
}
