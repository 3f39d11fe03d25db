using Bot.Evidence.Inbox;
using Bot.GitHub.Webhooks;
using Bot.Serve.Processing;

namespace Bot.Serve.Intake;

/// <summary>What both ways in share, the webhook endpoint and the deliveries pass: the route worked out from the body
/// (<see cref="WebhookEnvelope.Route"/>), and the inbox, keyed by the delivery's GUID so that the same delivery twice is a
/// duplicate whichever way it came.</summary>
public static class DeliveryIntake
{
    /// <summary>The delivery to store, or why its body is refused.</summary>
    public static IntakeReading Read(string eventName, string deliveryId, byte[] body, DateTimeOffset receivedAt, string source)
    {
        var intake = WebhookEnvelope.Route(eventName, body);
        if (intake.Route is not { } route)
            return new IntakeReading(null, intake.Failure!.Message);
        var delivery = new InboundDelivery(deliveryId, eventName, route.Action, route.InstallationId, route.Repository, receivedAt, body,
            route.PullRequestNumber, source);
        return new IntakeReading(new AcceptedDelivery(delivery, route), null);
    }
}

/// <summary><see cref="Accepted"/> to store, or the <see cref="Refusal"/> that says what is wrong with the body.</summary>
public sealed record IntakeReading(AcceptedDelivery? Accepted, string? Refusal);

/// <summary>A delivery whose body routes: stored pending when the bot acts on it, else directly as ignored.</summary>
public sealed record AcceptedDelivery(InboundDelivery Delivery, RouteDecision Route)
{
    /// <summary>Stores it and, when it is new work, wakes the dispatcher.</summary>
    public async Task<EnqueueResult> StoreAsync(IDeliveryInbox inbox, InboxSignal signal, CancellationToken cancellationToken)
    {
        var result = Route.Act
            ? await inbox.EnqueueAsync(Delivery, cancellationToken)
            : await inbox.EnqueueIgnoredAsync(Delivery, cancellationToken);
        if (result == EnqueueResult.Accepted && Route.Act)
            signal.Notify();
        return result;
    }
}
