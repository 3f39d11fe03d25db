using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Inbox;

/// <summary>
/// The durable inbox in the SQLite file (<see cref="IDeliveryInbox"/>). Every write goes through the process's one
/// <see cref="GroupCommitWriter"/>, so a burst of deliveries shares its fsyncs instead of queueing for the lock.
/// </summary>
internal sealed class SqliteDeliveryInbox(GroupCommitWriter writer, SqliteDatabase database, TimeProvider clock, ClaimLease lease)
    : InboxMarks, IDeliveryInbox
{
    private const string InsertSql = """
        INSERT INTO deliveries (delivery_guid, event, action, installation_id, repository, pull_request_number, received_at, body, state, processed_at, source)
        VALUES ($guid, $event, $action, $installation, $repository, $number, $received, x'', $state, $processed, $source)
        ON CONFLICT (delivery_guid) DO NOTHING
        RETURNING id
        """;

    private const string InsertBodySql = "INSERT INTO delivery_bodies (delivery_id, body, encoding) VALUES ($id, $body, $encoding)";

    // Rows received before schema version 4 keep their body in deliveries.body (as received).
    internal const string ReadBodySql = """
        SELECT COALESCE(b.body, d.body) AS Stored, b.encoding AS Encoding
        FROM deliveries d LEFT JOIN delivery_bodies b ON b.delivery_id = d.id
        WHERE d.delivery_guid = @deliveryId
        """;

    private const string FinishSql = $"""
        UPDATE deliveries
        SET state = $state, last_error = $error, not_before = $notBefore, processed_at = $processedAt, claimed_at = NULL,
            claimed_by = NULL, lease_until = NULL, attempts = attempts - $refund
        WHERE delivery_guid = $guid AND state = '{DeliveryStates.Processing}'
        """;

    public Task<EnqueueResult> EnqueueAsync(InboundDelivery delivery, CancellationToken cancellationToken) =>
        EnqueueAsync(delivery, DeliveryStates.Pending, cancellationToken);

    public Task<EnqueueResult> EnqueueIgnoredAsync(InboundDelivery delivery, CancellationToken cancellationToken) =>
        EnqueueAsync(delivery, DeliveryStates.Ignored, cancellationToken);

    private async Task<EnqueueResult> EnqueueAsync(InboundDelivery delivery, string state, CancellationToken cancellationToken)
    {
        InboxRows.Validate(delivery);
        var receivedAt = EvidenceTime.ToText(delivery.ReceivedAt);
        var processedAt = state == DeliveryStates.Ignored ? Now() : null;
        // Compressed here, on the caller's thread, so the one writer only copies the smaller bytes.
        var (storedBody, encoding) = DeliveryBodyCodec.Encode(delivery.Body);
        // The UNIQUE constraint on delivery_guid refuses the copy; DO NOTHING turns that refusal into "0 rows".
        var inserted = await writer.ExecuteAsync(scope =>
        {
            long? id;
            using (var row = scope.Query(InsertSql,
                ("$guid", delivery.DeliveryId), ("$event", delivery.Event), ("$action", delivery.Action),
                ("$installation", delivery.InstallationId), ("$repository", delivery.Repository), ("$number", delivery.PullRequestNumber),
                ("$received", receivedAt), ("$state", state), ("$processed", processedAt), ("$source", delivery.Source)))
            {
                id = row.Read() ? row.GetInt64(0) : null;
            }
            if (id is not null)
            {
                scope.Execute(InsertBodySql, ("$id", id), ("$body", storedBody), ("$encoding", encoding));
            }
            return id is not null ? 1 : 0;
        }, cancellationToken);
        return inserted == 1 ? EnqueueResult.Accepted : EnqueueResult.Duplicate;
    }

    /// <summary>Claims are not synced on their own (a lost claim leaves the delivery pending); the next synced commit
    /// covers them, so an evidence record on disk always has the claim that led to it.
    /// <para>Deliveries that waited for a time (a retry; work held while an installation's API budget was spent) come first
    /// once due, the most recently received first: when a rate limit resets, the newest heads are evaluated first. Fresh
    /// deliveries follow, oldest first.</para></summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var now = Now();
        var rows = await writer.ExecuteAsync(scope => scope.Connection.Query<InboxRows.ClaimRow>(new CommandDefinition($"""
            UPDATE deliveries
            SET state = '{DeliveryStates.Processing}', attempts = attempts + 1, claimed_at = @now, claimed_by = @replica, lease_until = @leaseUntil
            WHERE id IN (SELECT id FROM (SELECT id FROM deliveries INDEXED BY deliveries_waiting
                                         WHERE state = '{DeliveryStates.Pending}' AND not_before IS NOT NULL AND not_before <= @now
                                         ORDER BY received_at DESC, id DESC LIMIT @maxCount)
                         UNION ALL
                         SELECT id FROM (SELECT id FROM deliveries
                                         WHERE state = '{DeliveryStates.Pending}' AND not_before IS NULL
                                         ORDER BY id LIMIT @maxCount)
                         LIMIT @maxCount)
            RETURNING id AS Id, delivery_guid AS DeliveryId, event AS Event, action AS Action, installation_id AS InstallationId,
                      repository AS Repository, received_at AS ReceivedAt, attempts AS Attempts,
                      pull_request_number AS PullRequestNumber, not_before IS NOT NULL AS Waited
            """, new { now, maxCount, replica = lease.ReplicaId, leaseUntil = lease.Until(clock) }, scope.Transaction)).AsList(),
            cancellationToken, sync: false);
        return InboxRows.InClaimOrder(rows);
    }

    /// <summary>The raw body as received; throws for an unknown delivery.</summary>
    public async Task<byte[]> ReadBodyAsync(string deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<InboxRows.StoredBody>(new CommandDefinition(
                ReadBodySql, new { deliveryId }, cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException($"No delivery {deliveryId} in the inbox.");
        return DeliveryBodyCodec.Decode(row.Stored, row.Encoding);
    }

    /// <summary>The raw body, read on a connection the caller holds (the export's snapshot, the command line); null for an
    /// unknown delivery.</summary>
    internal static byte[]? ReadBody(System.Data.Common.DbConnection connection, string deliveryId)
    {
        var row = connection.QuerySingleOrDefault<InboxRows.StoredBody>(ReadBodySql, new { deliveryId });
        return row is null ? null : DeliveryBodyCodec.Decode(row.Stored, row.Encoding);
    }

    /// <summary>Start-up only, before workers run: whatever a dead process was processing is pending again (one process per
    /// file, so every claim in it was a dead process's, whatever its lease says).</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        return await writer.ExecuteAsync(scope => scope.Connection.Execute(new CommandDefinition(
            $"UPDATE deliveries SET state = '{DeliveryStates.Pending}', claimed_at = NULL, claimed_by = NULL, lease_until = NULL WHERE state = '{DeliveryStates.Processing}'",
            transaction: scope.Transaction)), cancellationToken);
    }

    /// <summary>Written (unsynced, like claims) so the columns say the same as on a shared store; nothing else reads them
    /// here, one process owns the file.</summary>
    public Task<int> RenewClaimsAsync(CancellationToken cancellationToken) =>
        writer.ExecuteAsync(scope => scope.Connection.Execute(new CommandDefinition(ClaimLease.RenewSql,
            new { replica = lease.ReplicaId, leaseUntil = lease.Until(clock) }, scope.Transaction)), cancellationToken, sync: false);

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

    /// <summary>Deliveries waiting to be evaluated, counted through the state index: in proportion to the backlog, not to
    /// the inbox's whole history.</summary>
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM deliveries WHERE state = '{DeliveryStates.Pending}'", cancellationToken: cancellationToken));
    }

    // Marks need no fsync of their own: a mark lost to a power cut leaves the delivery unfinished, so it is claimed again,
    // and the claim's attempt count tells the evaluator to look for the evidence it may already have recorded.
    protected override async Task FinishAsync(string deliveryId, string state, string? error, string? notBefore,
        CancellationToken cancellationToken, int refund = 0)
    {
        var processedAt = state is DeliveryStates.Pending ? null : Now();
        var updated = await writer.ExecuteAsync(scope => scope.Execute(FinishSql,
            ("$state", state), ("$error", error), ("$notBefore", notBefore), ("$processedAt", processedAt), ("$refund", refund),
            ("$guid", deliveryId)),
            cancellationToken, sync: false);
        if (updated != 1)
        {
            throw new DeliveryNotClaimedException($"Delivery {deliveryId} is not being processed (unknown, or not claimed); it was not marked {state}.");
        }
    }

    private string Now() => EvidenceTime.ToText(clock.GetUtcNow());
}
