using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Inbox;

/// <summary>
/// The durable inbox: a delivery is stored before GitHub gets its 2xx, and leaves <c>processing</c> only by being
/// marked; after a crash <see cref="RecoverAsync"/> puts it back to <c>pending</c>.
/// </summary>
internal sealed class DeliveryInbox(SqliteDatabase database, TimeProvider clock)
{
    public async Task<EnqueueResult> EnqueueAsync(InboundDelivery delivery, string state, CancellationToken cancellationToken)
    {
        Validate(delivery);
        await using var connection = await database.OpenAsync(cancellationToken);
        // The UNIQUE constraint on delivery_guid refuses the copy; DO NOTHING turns that refusal into "0 rows".
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO deliveries (delivery_guid, event, action, installation_id, repository, received_at, body, state, processed_at)
            VALUES (@DeliveryId, @Event, @Action, @InstallationId, @Repository, @ReceivedAt, @Body, @state, @processedAt)
            ON CONFLICT (delivery_guid) DO NOTHING
            """,
            new
            {
                delivery.DeliveryId,
                delivery.Event,
                delivery.Action,
                delivery.InstallationId,
                delivery.Repository,
                ReceivedAt = EvidenceTime.ToText(delivery.ReceivedAt),
                delivery.Body,
                state,
                processedAt = state == DeliveryStates.Ignored ? Now() : null,
            },
            cancellationToken: cancellationToken));
        return inserted == 1 ? EnqueueResult.Accepted : EnqueueResult.Duplicate;
    }

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = Now();
        var rows = await connection.QueryAsync<ClaimRow>(new CommandDefinition($"""
            UPDATE deliveries
            SET state = '{DeliveryStates.Processing}', attempts = attempts + 1, claimed_at = @now
            WHERE id IN (SELECT id FROM deliveries
                         WHERE state = '{DeliveryStates.Pending}' AND (not_before IS NULL OR not_before <= @now)
                         ORDER BY id LIMIT @maxCount)
            RETURNING id AS Id, delivery_guid AS DeliveryId, event AS Event, action AS Action, installation_id AS InstallationId,
                      repository AS Repository, received_at AS ReceivedAt, body AS Body, attempts AS Attempts
            """, new { now, maxCount }, cancellationToken: cancellationToken));
        return [.. rows.OrderBy(r => r.Id).Select(r => r.ToClaimed())];
    }

    public Task MarkProcessedAsync(string deliveryId, CancellationToken cancellationToken) =>
        FinishAsync(deliveryId, DeliveryStates.Processed, error: null, notBefore: null, cancellationToken);

    public Task MarkRetryAsync(string deliveryId, string error, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        FinishAsync(deliveryId, DeliveryStates.Pending, error, EvidenceTime.ToText(notBefore), cancellationToken);

    public Task MarkFailedAsync(string deliveryId, string error, CancellationToken cancellationToken) =>
        FinishAsync(deliveryId, DeliveryStates.Failed, error, notBefore: null, cancellationToken);

    public Task MarkIgnoredAsync(string deliveryId, CancellationToken cancellationToken) =>
        FinishAsync(deliveryId, DeliveryStates.Ignored, error: null, notBefore: null, cancellationToken);

    /// <summary>Start-up only, before workers run: whatever a dead process was processing is pending again.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE deliveries SET state = '{DeliveryStates.Pending}', claimed_at = NULL WHERE state = '{DeliveryStates.Processing}'",
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyDictionary<DeliveryState, long>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM deliveries GROUP BY state", cancellationToken: cancellationToken));
        var counts = Enum.GetValues<DeliveryState>().ToDictionary(s => s, _ => 0L);
        foreach (var (state, count) in rows)
        {
            counts[DeliveryStates.Parse(state)] = count;
        }
        return counts;
    }

    private async Task FinishAsync(string deliveryId, string state, string? error, string? notBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var processedAt = state is DeliveryStates.Pending ? null : Now();
        var updated = await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE deliveries
            SET state = @state, last_error = @error, not_before = @notBefore, processed_at = @processedAt, claimed_at = NULL
            WHERE delivery_guid = @deliveryId AND state = '{DeliveryStates.Processing}'
            """, new { deliveryId, state, error, notBefore, processedAt }, cancellationToken: cancellationToken));
        if (updated != 1)
        {
            throw new InvalidOperationException($"Delivery {deliveryId} is not being processed (unknown, or not claimed); it was not marked {state}.");
        }
    }

    private string Now() => EvidenceTime.ToText(clock.GetUtcNow());

    private static void Validate(InboundDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (string.IsNullOrWhiteSpace(delivery.DeliveryId) || string.IsNullOrWhiteSpace(delivery.Event))
        {
            throw new ArgumentException("A delivery needs its X-GitHub-Delivery id and X-GitHub-Event name.", nameof(delivery));
        }
        ArgumentNullException.ThrowIfNull(delivery.Body);
    }

    private sealed class ClaimRow
    {
        public long Id { get; init; }
        public string DeliveryId { get; init; } = "";
        public string Event { get; init; } = "";
        public string? Action { get; init; }
        public long? InstallationId { get; init; }
        public string? Repository { get; init; }
        public string ReceivedAt { get; init; } = "";
        public byte[] Body { get; init; } = [];
        public long Attempts { get; init; }

        public ClaimedDelivery ToClaimed() =>
            new(DeliveryId, Event, Action, InstallationId, Repository, EvidenceTime.Parse(ReceivedAt), Body, (int)Attempts);
    }
}
