using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Deliveries;

/// <summary>The deliveries pass's state in the SQLite file (recorded_deliveries_mark, delivery_retention_gaps) and the inbox
/// lookups it needs.</summary>
internal sealed class SqliteRecordedDeliveries(GroupCommitWriter writer, SqliteDatabase database) : IRecordedDeliveriesCursor
{
    // SQLite allows 32,766 variables in a statement; a first pass over a long history looks up more GUIDs than that.
    private const int LookupChunk = 500;

    public async Task<RecordedDeliveriesMark?> MarkAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MarkRow>(new CommandDefinition(
            "SELECT newest_delivery_id AS NewestDeliveryId, newest_delivered_at AS NewestDeliveredAt, passed_at AS PassedAt FROM recorded_deliveries_mark",
            cancellationToken: cancellationToken));
        return row is null ? null
            : new RecordedDeliveriesMark(row.NewestDeliveryId, EvidenceTime.Parse(row.NewestDeliveredAt), EvidenceTime.Parse(row.PassedAt));
    }

    /// <summary>Not synced on its own: a mark lost to a power cut makes the next pass read a little further back, nothing more.</summary>
    public Task SaveMarkAsync(RecordedDeliveriesMark mark, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(scope => scope.Execute("""
            INSERT INTO recorded_deliveries_mark (id, newest_delivery_id, newest_delivered_at, passed_at) VALUES (1, $id, $at, $passed)
            ON CONFLICT (id) DO UPDATE SET newest_delivery_id = excluded.newest_delivery_id,
                newest_delivered_at = excluded.newest_delivered_at, passed_at = excluded.passed_at
            """, ("$id", mark.NewestDeliveryId), ("$at", EvidenceTime.ToText(mark.NewestDeliveredAt)), ("$passed", EvidenceTime.ToText(mark.PassedAt))),
            cancellationToken, sync: false);

    public Task AppendRetentionGapAsync(DeliveryRetentionGap gap, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(scope => scope.Execute(
            "INSERT INTO delivery_retention_gaps (missed_after, missed_before, detected_at) VALUES ($after, $before, $detected)",
            ("$after", EvidenceTime.ToText(gap.MissedAfter)), ("$before", EvidenceTime.ToText(gap.MissedBefore)),
            ("$detected", EvidenceTime.ToText(gap.DetectedAt))), cancellationToken);

    /// <summary>Which of <paramref name="deliveryIds"/> the inbox holds, in any state.</summary>
    public async Task<IReadOnlySet<string>> HeldAsync(IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in deliveryIds.Chunk(LookupChunk))
        {
            held.UnionWith(await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT delivery_guid FROM deliveries WHERE delivery_guid IN @chunk", new { chunk }, cancellationToken: cancellationToken)));
        }
        return held;
    }

    /// <summary>When the inbox received its first delivery; null while it is empty.</summary>
    public async Task<DateTimeOffset?> FirstReceivedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var first = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MIN(received_at) FROM deliveries", cancellationToken: cancellationToken));
        return first is null ? null : EvidenceTime.Parse(first);
    }

    private sealed class MarkRow
    {
        public long NewestDeliveryId { get; init; }
        public string NewestDeliveredAt { get; init; } = "";
        public string PassedAt { get; init; } = "";
    }
}
