using Bot.Evidence.Deliveries;

namespace Bot.Evidence;

/// <summary>The deliveries pass (policy.md §8, missed deliveries): how far back GitHub's list of the App's deliveries has been
/// read, windows GitHub no longer kept, and what the inbox already holds.</summary>
public sealed partial class EvidenceStore
{
    private RecordedDeliveries Recorded => new(_writer, _database);

    public Task<RecordedDeliveriesMark?> RecordedDeliveriesMarkAsync(CancellationToken cancellationToken = default) =>
        Recorded.MarkAsync(cancellationToken);

    public Task SaveRecordedDeliveriesMarkAsync(RecordedDeliveriesMark mark, CancellationToken cancellationToken = default) =>
        Recorded.SaveMarkAsync(mark, cancellationToken);

    /// <summary>Keeps a window whose deliveries GitHub no longer has; the export's completeness section lists it.</summary>
    public Task AppendDeliveryRetentionGapAsync(DeliveryRetentionGap gap, CancellationToken cancellationToken = default) =>
        Recorded.AppendRetentionGapAsync(gap, cancellationToken);

    /// <summary>Which of these delivery GUIDs the inbox holds (any state).</summary>
    public Task<IReadOnlySet<string>> HeldDeliveriesAsync(IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken = default) =>
        Recorded.HeldAsync(deliveryIds, cancellationToken);

    /// <summary>When the inbox received its first delivery; null while it is empty.</summary>
    public Task<DateTimeOffset?> FirstDeliveryReceivedAtAsync(CancellationToken cancellationToken = default) =>
        Recorded.FirstReceivedAsync(cancellationToken);
}
