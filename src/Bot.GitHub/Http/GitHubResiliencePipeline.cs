using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Bot.GitHub.Http;

/// <summary>Builds the pipeline each GitHub call runs through: retry (outermost) → circuit breaker → per-attempt timeout.</summary>
public static class GitHubResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(
        GitHubResilienceOptions options, GitHubCallCounter counter, TimeProvider? clock = null)
    {
        // The clock only reads "now" for X-RateLimit-Reset / Retry-After dates; Polly keeps real timers for waits.
        var time = clock ?? TimeProvider.System;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxBackoffDelay,
                ShouldHandle = args => RetryClassifier.ShouldRetryAsync(args.Outcome.Result, args.Outcome.Exception, time.GetUtcNow(),
                    options.MaxServerRequestedDelay),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response
                    ? RetryClassifier.ServerRequestedDelay(response, time.GetUtcNow(), options.MaxServerRequestedDelay)
                    : null),
                OnRetry = args =>
                {
                    counter.RecordRetry();
                    options.OnRetry?.Invoke(new RetryDecision(
                        args.AttemptNumber,
                        args.RetryDelay,
                        args.Outcome.Result is { } r ? (int)r.StatusCode : null,
                        args.Outcome.Exception?.GetType().Name));
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(RetryClassifier.IsOutage(args.Outcome.Result, args.Outcome.Exception)),
        });
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }
}
