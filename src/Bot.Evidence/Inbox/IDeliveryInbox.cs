namespace Bot.Evidence.Inbox;

/// <summary>
/// The durable inbox of webhook deliveries: a delivery is stored before GitHub gets its 2xx, claimed by a worker and
/// leaves <c>processing</c> only by being marked; deliveries a dead process left in <c>processing</c> are pending again
/// after <see cref="RecoverAsync"/>. Idempotent by delivery GUID.
/// </summary>
public interface IDeliveryInbox
{
    /// <summary>Stores a delivery as pending. The same GUID again is <see cref="EnqueueResult.Duplicate"/>, never an exception.</summary>
    Task<EnqueueResult> EnqueueAsync(InboundDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Stores a delivery the bot does not act on, directly as ignored (kept, never processed).</summary>
    Task<EnqueueResult> EnqueueIgnoredAsync(InboundDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="maxCount"/> due pending deliveries: each becomes processing, attempts + 1.
    /// Deliveries that waited for a time come first once due, the most recently received first; fresh ones follow, oldest first.</summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The raw body of a stored delivery, exactly as received; throws <see cref="InvalidOperationException"/> for an unknown one.</summary>
    Task<byte[]> ReadBodyAsync(string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>The Mark methods apply to a claimed (processing) delivery and throw <see cref="InvalidOperationException"/> for any other.</summary>
    Task MarkProcessedAsync(string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>Back to pending, not claimable before <paramref name="notBefore"/>.</summary>
    Task MarkRetryAsync(string deliveryId, string error, DateTimeOffset notBefore, CancellationToken cancellationToken = default);

    /// <summary>Back to pending without counting the attempt: the bot's own storage failed (disk full, database locked),
    /// not the work, so the delivery must not run out of attempts while it waits for the store.</summary>
    Task MarkRetryUncountedAsync(string deliveryId, string error, DateTimeOffset notBefore, CancellationToken cancellationToken = default);

    Task MarkFailedAsync(string deliveryId, string error, CancellationToken cancellationToken = default);

    Task MarkIgnoredAsync(string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>At start-up, before workers: deliveries a dead process left in processing become pending. Returns how many.
    /// (A store shared by replicas hands back only those whose claim expired: the others are being worked on.)</summary>
    Task<int> RecoverAsync(CancellationToken cancellationToken = default);

    /// <summary>Extends the lease of every delivery this process holds in processing by the claim lease, from now; returns
    /// how many. Called every third of the lease while workers run, so a live replica's claims never expire.</summary>
    Task<int> RenewClaimsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every state with its count (0 included), for /status.</summary>
    Task<IReadOnlyDictionary<DeliveryState, long>> CountByStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deliveries waiting to be evaluated (for readiness: in proportion to the backlog, not the inbox's history).</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken = default);
}
