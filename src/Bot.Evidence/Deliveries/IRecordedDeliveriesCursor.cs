namespace Bot.Evidence.Deliveries;

/// <summary>How far back the deliveries pass has read GitHub's list of the App's deliveries: the newest delivery it saw (GitHub's
/// numeric delivery id, which grows with time) and when the pass that saw it ran. Everything GitHub delivered before
/// <see cref="PassedAt"/> was in the list that pass read.</summary>
public sealed record RecordedDeliveriesMark(long NewestDeliveryId, DateTimeOffset NewestDeliveredAt, DateTimeOffset PassedAt);

/// <summary>A window whose deliveries may be lost for good: the bot did not read GitHub's list of deliveries for longer than
/// GitHub keeps it (3 days on github.com, 7 on GitHub Enterprise Server). Branch reconciliation is what fills it.</summary>
public sealed record DeliveryRetentionGap(DateTimeOffset MissedAfter, DateTimeOffset MissedBefore, DateTimeOffset DetectedAt);

/// <summary>The deliveries pass's cursor (policy.md §8, missed deliveries): how far back GitHub's list of the App's
/// deliveries has been read, windows GitHub no longer kept, and what the inbox already holds.</summary>
public interface IRecordedDeliveriesCursor
{
    Task<RecordedDeliveriesMark?> MarkAsync(CancellationToken cancellationToken = default);

    /// <summary>Bookkeeping, not evidence: a mark lost to a power cut makes the next pass read a little further back.</summary>
    Task SaveMarkAsync(RecordedDeliveriesMark mark, CancellationToken cancellationToken = default);

    /// <summary>Keeps a window whose deliveries GitHub no longer has; the export's completeness section lists it.</summary>
    Task AppendRetentionGapAsync(DeliveryRetentionGap gap, CancellationToken cancellationToken = default);

    /// <summary>Which of these delivery GUIDs the inbox holds (any state).</summary>
    Task<IReadOnlySet<string>> HeldAsync(IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken = default);

    /// <summary>When the inbox received its first delivery; null while it is empty.</summary>
    Task<DateTimeOffset?> FirstReceivedAsync(CancellationToken cancellationToken = default);
}
