using Bot.Evidence.Storage;

namespace Bot.Evidence.Inbox;

/// <summary>What each Mark method of <see cref="IDeliveryInbox"/> means, said once for every provider: each is one state
/// change of a claimed delivery, which the provider writes in <see cref="FinishAsync"/>.</summary>
internal abstract class InboxMarks
{
    /// <summary>Moves a claimed delivery to <paramref name="state"/>; <paramref name="refund"/> attempts are handed back.</summary>
    protected abstract Task FinishAsync(string deliveryId, string state, string? error, string? notBefore, CancellationToken cancellationToken,
        int refund = 0);

    public Task MarkProcessedAsync(string deliveryId, CancellationToken cancellationToken) =>
        FinishAsync(deliveryId, DeliveryStates.Processed, error: null, notBefore: null, cancellationToken);

    public Task MarkRetryAsync(string deliveryId, string error, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        FinishAsync(deliveryId, DeliveryStates.Pending, error, EvidenceTime.ToText(notBefore), cancellationToken);

    /// <summary>Hands back the attempt its claim took (the bot's own storage failed, not the work), so that a full disk
    /// cannot use up a delivery's attempts.</summary>
    public Task MarkRetryUncountedAsync(string deliveryId, string error, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        FinishAsync(deliveryId, DeliveryStates.Pending, error, EvidenceTime.ToText(notBefore), cancellationToken, refund: 1);

    public Task MarkFailedAsync(string deliveryId, string error, CancellationToken cancellationToken) =>
        FinishAsync(deliveryId, DeliveryStates.Failed, error, notBefore: null, cancellationToken);

    public Task MarkIgnoredAsync(string deliveryId, CancellationToken cancellationToken) =>
        FinishAsync(deliveryId, DeliveryStates.Ignored, error: null, notBefore: null, cancellationToken);
}
