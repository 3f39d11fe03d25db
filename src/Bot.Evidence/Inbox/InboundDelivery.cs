namespace Bot.Evidence.Inbox;

/// <summary>A webhook delivery whose signature was verified, as received (<see cref="Body"/> is the exact raw bytes).</summary>
public sealed record InboundDelivery(
    string DeliveryId,
    string Event,
    string? Action,
    long? InstallationId,
    string? Repository,
    DateTimeOffset ReceivedAt,
    byte[] Body,
    int? PullRequestNumber = null);

/// <summary>A delivery handed to a worker; <see cref="Attempts"/> counts this claim. The body is not part of it (most
/// deliveries are routed by what was stored beside it): <see cref="EvidenceStore.ReadDeliveryBodyAsync"/> reads it.</summary>
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
