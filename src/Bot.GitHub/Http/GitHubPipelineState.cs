using Polly;

namespace Bot.GitHub.Http;

/// <summary>What the GitHub HTTP handlers share and must keep across IHttpClientFactory's handler rotation: the ETag cache
/// (a rotated handler must not forget what GitHub answered 304 for), the installations whose budget is spent, the circuit
/// breaker's state, and the call counter. One per process; the handlers are cheap views of it.</summary>
public sealed class GitHubPipelineState
{
    /// <param name="clock">Reads "now" for rate-limit resets and server-requested delays (tests move it).</param>
    public GitHubPipelineState(GitHubAppOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Counter = new GitHubCallCounter();
        RateLimits = new InstallationRateLimits(clock ?? TimeProvider.System);
        ETags = new ETagCache(options.ETagCacheCapacity);
        Resilience = GitHubResiliencePipeline.Build(options.Resilience, Counter, clock);
        Metrics = options.Meters is { } meters ? new GitHubMetrics(meters) : null;
    }

    public GitHubCallCounter Counter { get; }

    /// <summary>Installations whose API budget is spent, and until when; their requests are held back meanwhile.</summary>
    public InstallationRateLimits RateLimits { get; }

    internal ETagCache ETags { get; }

    internal ResiliencePipeline<HttpResponseMessage> Resilience { get; }

    internal GitHubMetrics? Metrics { get; }

    /// <summary>The handlers of one client, outermost first: ETag cache → rate-limit gate → resilience (retry, circuit
    /// breaker, per-attempt timeout) → call counter, which sees every attempt that goes to the network.</summary>
    internal static IReadOnlyList<Func<GitHubPipelineState, DelegatingHandler>> Handlers { get; } =
    [
        state => new ETagHandler(state.ETags),
        state => new RateLimitGateHandler(state.RateLimits),
        state => new ResilienceHandler(state.Resilience),
        state => new CountingHandler(state.Counter, state.Metrics),
    ];

    /// <summary>The handlers chained in front of <paramref name="network"/>, for a client made without dependency injection.</summary>
    internal HttpMessageHandler Chain(HttpMessageHandler network)
    {
        var handler = network;
        foreach (var create in Handlers.Reverse())
        {
            var outer = create(this);
            outer.InnerHandler = handler;
            handler = outer;
        }
        return handler;
    }
}
