using System.Diagnostics;
using Bot.Evidence.Inbox;
using Bot.Serve.Evaluation;

namespace Bot.Serve.Telemetry;

/// <summary>The <c>Bot.Serve</c> activity source: one trace per delivery, <c>webhook intake</c> (a child of ASP.NET
/// Core's request span) → <c>process delivery</c> (parented on the intake across the inbox, see
/// <see cref="DeliveryTraceContexts"/>) → <c>evaluate pull request</c> → GitHub's HTTP calls and <c>evidence append</c>.
/// Every span carries the delivery id, so a trace is found from GitHub's delivery log. Without a listener (no OTLP
/// endpoint configured) no activity is created.</summary>
public static class ServeTelemetry
{
    public const string SourceName = "Bot.Serve";
    public const string DeliveryIdTag = "github.delivery.id";
    public const string EventTag = "github.event";

    internal static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartIntake() => Source.StartActivity("webhook intake");

    /// <summary>Parented on the intake span when this process received the delivery; otherwise (another process, before a
    /// restart, a retry) the span starts a trace of its own, still tagged with the delivery id.</summary>
    public static Activity? StartProcessing(ClaimedDelivery delivery, DeliveryTraceContexts intakes)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(intakes);
        if (!Source.HasListeners()) return null;
        var activity = Source.StartActivity("process delivery", ActivityKind.Internal, intakes.Take(delivery.DeliveryId));
        if (activity is not null)
        {
            activity.SetTag(DeliveryIdTag, delivery.DeliveryId);
            activity.SetTag(EventTag, delivery.Event);
            activity.SetTag("bot.delivery.attempt", delivery.Attempts);
        }
        return activity;
    }

    /// <summary>One evaluation covers every delivery that waited for it: it continues the trace of the newest one and
    /// links the traces of the others.</summary>
    public static Activity? StartEvaluation(PullRequestKey key, IReadOnlyList<(DeliveryTrigger? Trigger, ActivityContext Trace)> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (!Source.HasListeners()) return null;
        var parent = requests.Count > 0 ? requests[^1].Trace : default;
        var links = requests.Count > 1
            ? requests.Take(requests.Count - 1).Where(r => r.Trace != default).Select(r => new ActivityLink(r.Trace)).ToList()
            : null;
        var activity = Source.StartActivity("evaluate pull request", ActivityKind.Internal, parent, links: links);
        if (activity is not null)
        {
            activity.SetTag("github.pull_request", key.ToString());
            activity.SetTag("bot.deliveries", requests.Count);
            if (requests.Count > 0 && requests[^1].Trigger is { } trigger) activity.SetTag(DeliveryIdTag, trigger.DeliveryId);
        }
        return activity;
    }
}
