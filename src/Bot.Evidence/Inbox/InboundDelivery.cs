namespace Bot.Evidence.Inbox;

/// <summary>A webhook delivery whose signature was verified, as received (<see cref="Body"/> is the exact raw bytes), or one
/// taken in from GitHub's record of the App's deliveries (<see cref="Source"/>, <see cref="DeliverySources"/>).</summary>
public sealed record InboundDelivery(
    string DeliveryId,
    string Event,
    string? Action,
    long? InstallationId,
    string? Repository,
    DateTimeOffset ReceivedAt,
    byte[] Body,
    int? PullRequestNumber = null,
    string Source = DeliverySources.Webhook);

/// <summary>Where a delivery came from (deliveries.source).</summary>
public static class DeliverySources
{
    /// <summary>Received at the webhook endpoint; the signature was verified over the stored bytes.</summary>
    public const string Webhook = "webhook";

    /// <summary>Never reached the endpoint; taken in from <c>GET /app/hook/deliveries/{id}</c> (App JWT), whose payload GitHub
    /// gives as parsed JSON: the stored body is that JSON's text.</summary>
    public const string DeliveriesApi = "deliveries_api";
}

/// <summary>A delivery handed to a worker; <see cref="Attempts"/> counts this claim. The body is not part of it (most
/// deliveries are routed by what was stored beside it): <see cref="IDeliveryInbox.ReadBodyAsync"/> reads it.</summary>
public sealed record ClaimedDelivery(
    string DeliveryId,
    string Event,
    string? Action,
    long? InstallationId,
    string? Repository,
    DateTimeOffset ReceivedAt,
    int Attempts,
    int? PullRequestNumber = null);

public enum EnqueueResult
{
    /// <summary>Stored; it will be processed (or was stored as ignored).</summary>
    Accepted,
    /// <summary>A delivery with this GUID is already stored (GitHub redelivery or a replay); nothing was changed.</summary>
    Duplicate,
}

public enum DeliveryState
{
    Pending,
    Processing,
    Processed,
    Failed,
    Ignored,
}
