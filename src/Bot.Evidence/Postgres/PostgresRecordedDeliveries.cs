using Bot.Evidence.Deliveries;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Postgres;

/// <summary>The deliveries pass's cursor in PostgreSQL (recorded_deliveries_mark, delivery_retention_gaps).</summary>
internal sealed class PostgresRecordedDeliveries(PostgresDatabase database) : IRecordedDeliveriesCursor
{
    public async Task<RecordedDeliveriesMark?> MarkAsync(CancellationToken cancellationToken)
    {
        var row = await database.RunAsync(c => c.QuerySingleOrDefaultAsync<(long NewestDeliveryId, string NewestDeliveredAt, string PassedAt)?>(
            new CommandDefinition("SELECT newest_delivery_id, newest_delivered_at, passed_at FROM recorded_deliveries_mark",
                cancellationToken: cancellationToken)), cancellationToken);
        return row is not { } r ? null
            : new RecordedDeliveriesMark(r.NewestDeliveryId, EvidenceTime.Parse(r.NewestDeliveredAt), EvidenceTime.Parse(r.PassedAt));
    }

    public Task SaveMarkAsync(RecordedDeliveriesMark mark, CancellationToken cancellationToken) =>
        database.RunAsync(c => c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO recorded_deliveries_mark (id, newest_delivery_id, newest_delivered_at, passed_at) VALUES (1, @id, @at, @passed)
            ON CONFLICT (id) DO UPDATE SET newest_delivery_id = excluded.newest_delivery_id,
                newest_delivered_at = excluded.newest_delivered_at, passed_at = excluded.passed_at
            """, new { id = mark.NewestDeliveryId, at = EvidenceTime.ToText(mark.NewestDeliveredAt), passed = EvidenceTime.ToText(mark.PassedAt) },
            cancellationToken: cancellationToken)), cancellationToken);

    public Task AppendRetentionGapAsync(DeliveryRetentionGap gap, CancellationToken cancellationToken) =>
        database.RunAsync(c => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO delivery_retention_gaps (missed_after, missed_before, detected_at) VALUES (@after, @before, @detected)",
            new { after = EvidenceTime.ToText(gap.MissedAfter), before = EvidenceTime.ToText(gap.MissedBefore), detected = EvidenceTime.ToText(gap.DetectedAt) },
            cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlySet<string>> HeldAsync(IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken)
    {
        // One array parameter, however many GUIDs (PostgreSQL has no variable limit to chunk around).
        var held = await database.RunAsync(c => c.QueryAsync<string>(new CommandDefinition(
            "SELECT delivery_guid FROM deliveries WHERE delivery_guid = ANY(@ids)", new { ids = deliveryIds.ToArray() },
            cancellationToken: cancellationToken)), cancellationToken);
        return held.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<DateTimeOffset?> FirstReceivedAsync(CancellationToken cancellationToken)
    {
        var first = await database.RunAsync(c => c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MIN(received_at) FROM deliveries", cancellationToken: cancellationToken)), cancellationToken);
        return first is null ? null : EvidenceTime.Parse(first);
    }
}
