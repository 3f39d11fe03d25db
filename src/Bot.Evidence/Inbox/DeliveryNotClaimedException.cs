namespace Bot.Evidence.Inbox;

/// <summary>A Mark of <see cref="IDeliveryInbox"/> found the delivery not in processing under this process's claim: it is
/// unknown, already finished, or its claim expired and another replica took it over (which then finishes it).</summary>
public sealed class DeliveryNotClaimedException(string message) : InvalidOperationException(message);
