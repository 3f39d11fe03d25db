using Bot.Evidence.Storage;

namespace Bot.Evidence.Inbox;

/// <summary>What every provider's inbox shares: the check of a delivery before it is stored, the rows a claim and a body
/// read come back as, and the order claimed deliveries are handed out in.</summary>
internal static class InboxRows
{
    /// <summary>Deliveries that waited for a time first, the most recently received first; fresh ones after, oldest first.</summary>
    public static IReadOnlyList<ClaimedDelivery> InClaimOrder(IReadOnlyCollection<ClaimRow> rows)
    {
        var waited = rows.Where(r => r.Waited != 0).OrderByDescending(r => r.ReceivedAt, StringComparer.Ordinal).ThenByDescending(r => r.Id);
        return [.. waited.Concat(rows.Where(r => r.Waited == 0).OrderBy(r => r.Id)).Select(r => r.ToClaimed())];
    }

    public static void Validate(InboundDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (string.IsNullOrWhiteSpace(delivery.DeliveryId) || string.IsNullOrWhiteSpace(delivery.Event))
        {
            throw new ArgumentException("A delivery needs its X-GitHub-Delivery id and X-GitHub-Event name.", nameof(delivery));
        }
        ArgumentNullException.ThrowIfNull(delivery.Body);
    }

    internal sealed class StoredBody
    {
        public byte[] Stored { get; init; } = [];
        public string? Encoding { get; init; }
    }

    internal sealed class ClaimRow
    {
        public long Id { get; init; }
        public string DeliveryId { get; init; } = "";
        public string Event { get; init; } = "";
        public string? Action { get; init; }
        public long? InstallationId { get; init; }
        public string? Repository { get; init; }
        public string ReceivedAt { get; init; } = "";
        public long Attempts { get; init; }
        public long? PullRequestNumber { get; init; }
        public long Waited { get; init; }

        public ClaimedDelivery ToClaimed() =>
            new(DeliveryId, Event, Action, InstallationId, Repository, EvidenceTime.Parse(ReceivedAt), (int)Attempts,
                PullRequestNumber is { } number ? (int)number : null);
    }
}
