using System.Diagnostics;
using System.Diagnostics.Metrics;
using Bot.Core.Model;
using Bot.Evidence.Health;
using Bot.Evidence.Statistics;
using Bot.GitHub.Webhooks.Payloads;

namespace Bot.Serve.Telemetry;

/// <summary>The <c>Bot.Serve</c> meter (docs/operations.md lists what each instrument means). Counters are recorded where
/// the work happens; the inbox and chain gauges are read from the store when a scraper or the OTLP exporter asks, at most
/// once a second, so they cost nothing per delivery.</summary>
public sealed class ServeMetrics
{
    public const string MeterName = "Bot.Serve";

    // Label values come from this list, never straight from a header: X-GitHub-Event of a rejected request is anyone's text.
    private static readonly HashSet<string> KnownEvents = new(StringComparer.Ordinal)
    {
        WebhookEventNames.PullRequest, WebhookEventNames.PullRequestReview, WebhookEventNames.Push, WebhookEventNames.CheckRun,
        WebhookEventNames.CheckSuite, WebhookEventNames.Installation, WebhookEventNames.InstallationRepositories,
        WebhookEventNames.IssueComment, WebhookEventNames.Ping, "merge_group", "pull_request_review_comment",
        "pull_request_review_thread", "status", "repository", "installation_target", "github_app_authorization", "meta",
    };

    private static readonly TimeSpan StatisticsMaxAge = TimeSpan.FromSeconds(1);

    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _evaluations;
    private readonly Histogram<double> _checkRunLatency;
    private readonly IStoreHealth _store;
    private readonly IStoreErrors _storeErrors;
    private readonly TimeProvider _clock;
    private readonly Lock _statisticsGate = new();
    private StoreStatistics? _statistics;
    private long _statisticsReadAt;

    public ServeMetrics(IMeterFactory meters, IStoreHealth store, IStoreErrors storeErrors, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _store = store;
        _storeErrors = storeErrors;
        _clock = clock;
        var meter = meters.Create(MeterName);
        _deliveries = meter.CreateCounter<long>("bot.webhook.deliveries", "{delivery}",
            "Webhook requests answered, by event and answer (accepted, ignored, duplicate, bad_signature, unavailable, ...)");
        _evaluations = meter.CreateCounter<long>("bot.evaluations", "{evaluation}",
            "Pull request evaluations by conclusion (success, failure, pending, notinscope; error: the evaluation failed and is retried)");
        _checkRunLatency = meter.CreateHistogram("bot.delivery.check_run.latency", "s",
            "From a delivery's acceptance to the end of the evaluation that covered it (check run posted, evidence recorded)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 3600] });
        meter.CreateObservableGauge("bot.inbox.deliveries", ObserveInbox, "{delivery}",
            "Deliveries in the inbox by state: pending (waiting, including retries not yet due), processing, failed (gave up; see the export's gaps)");
        meter.CreateObservableGauge("bot.inbox.oldest_pending.age", ObserveOldestPending, "s",
            "How long the oldest pending delivery has waited since it was received (0: none pending)");
        meter.CreateObservableGauge("bot.evidence.chain.length", ObserveChains, "{record}",
            "Records in each hash chain (decisions, changes, overrides)");
    }

    public void DeliveryAnswered(string eventName, string answer)
    {
        _deliveries.Add(1, new KeyValuePair<string, object?>("event", KnownEvents.Contains(eventName) ? eventName : "other"),
            new KeyValuePair<string, object?>("answer", answer));
    }

    public void Evaluated(Conclusion? conclusion) =>
        _evaluations.Add(1, new KeyValuePair<string, object?>("conclusion", conclusion?.ToString().ToLowerInvariant() ?? "none"));

    public void EvaluationFailed() => _evaluations.Add(1, new KeyValuePair<string, object?>("conclusion", "error"));

    public void CheckRunPosted(DateTimeOffset receivedAt) =>
        _checkRunLatency.Record(Math.Max(0, (_clock.GetUtcNow() - receivedAt).TotalSeconds));

    private IEnumerable<Measurement<long>> ObserveInbox()
    {
        if (Statistics() is not { } statistics) return [];
        return
        [
            new(statistics.Pending, new KeyValuePair<string, object?>("state", "pending")),
            new(statistics.Processing, new KeyValuePair<string, object?>("state", "processing")),
            new(statistics.Failed, new KeyValuePair<string, object?>("state", "failed")),
        ];
    }

    private IEnumerable<Measurement<double>> ObserveOldestPending()
    {
        if (Statistics() is not { } statistics) return [];
        var age = statistics.OldestPendingReceivedAt is { } oldest ? Math.Max(0, (_clock.GetUtcNow() - oldest).TotalSeconds) : 0;
        return [new Measurement<double>(age)];
    }

    private IEnumerable<Measurement<long>> ObserveChains() =>
        Statistics() is { } statistics
            ? statistics.ChainLengths.Select(chain => new Measurement<long>(chain.Value, new KeyValuePair<string, object?>("chain", chain.Key)))
            : [];

    /// <summary>One read serves the three gauges of a collection. A store that cannot be read (locked, disk gone) leaves
    /// the gauges out of that scrape rather than failing it; /readyz and the log say why.</summary>
    private StoreStatistics? Statistics()
    {
        lock (_statisticsGate)
        {
            if (_statistics is null || Stopwatch.GetElapsedTime(_statisticsReadAt) > StatisticsMaxAge)
            {
                try
                {
                    _statistics = _store.ReadStatistics();
                    _statisticsReadAt = Stopwatch.GetTimestamp();
                }
                catch (Exception e) when (_storeErrors.IsStoreError(e))
                {
                    return null;
                }
            }
            return _statistics;
        }
    }
}
