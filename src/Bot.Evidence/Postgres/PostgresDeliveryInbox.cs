using Bot.Evidence.Inbox;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Postgres;

/// <summary>
/// The durable inbox in PostgreSQL (<see cref="IDeliveryInbox"/>), shared by every replica: a delivery is stored once
/// whichever replica GitHub sent it to (the unique GUID), and claimed by one of them (<c>FOR UPDATE SKIP LOCKED</c>: a
/// replica skips the rows another is claiming instead of waiting for them or claiming them twice). A claim is the
/// replica's for its lease (<see cref="ClaimLease"/>), which the replica renews while it works; a claim whose lease
/// expired (its replica died) is claimed again by whichever replica looks next.
/// </summary>
internal sealed class PostgresDeliveryInbox(PostgresDatabase database, TimeProvider clock, ClaimLease lease) : InboxMarks, IDeliveryInbox
{
    private const string InsertSql = """
        INSERT INTO deliveries (delivery_guid, event, action, installation_id, repository, pull_request_number, received_at, body, state, processed_at, source)
        VALUES (@guid, @event, @action, @installation, @repository, @number, @received, ''::bytea, @state, @processed, @source)
        ON CONFLICT (delivery_guid) DO NOTHING
        RETURNING id
        """;

    private const string InsertBodySql = "INSERT INTO delivery_bodies (delivery_id, body, encoding) VALUES (@id, @body, @encoding)";

    // Each branch locks only rows no other claim holds; the rows are updated in the same statement, so once it commits
    // they are 'processing' and no longer pending for anyone.
    private const string ClaimSql = $"""
        WITH waiting AS (
            SELECT id FROM deliveries
            WHERE state = '{DeliveryStates.Pending}' AND not_before IS NOT NULL AND not_before <= @now
            ORDER BY received_at DESC, id DESC LIMIT @maxCount
            FOR UPDATE SKIP LOCKED),
        fresh AS (
            SELECT id FROM deliveries
            WHERE state = '{DeliveryStates.Pending}' AND not_before IS NULL
            ORDER BY id LIMIT @maxCount
            FOR UPDATE SKIP LOCKED),
        abandoned AS (
            SELECT id FROM deliveries
            WHERE state = '{DeliveryStates.Processing}' AND (lease_until IS NULL OR lease_until < @now)
            ORDER BY id LIMIT @maxCount
            FOR UPDATE SKIP LOCKED),
        picked AS (
            SELECT id FROM (SELECT id, 0 AS turn FROM waiting UNION ALL SELECT id, 1 FROM abandoned UNION ALL SELECT id, 2 FROM fresh) candidates
            ORDER BY turn LIMIT @maxCount)
        UPDATE deliveries d
        SET state = '{DeliveryStates.Processing}', attempts = d.attempts + 1, claimed_at = @now, claimed_by = @replica, lease_until = @leaseUntil
        FROM picked WHERE d.id = picked.id
        RETURNING d.id AS Id, d.delivery_guid AS DeliveryId, d.event AS Event, d.action AS Action, d.installation_id AS InstallationId,
                  d.repository AS Repository, d.received_at AS ReceivedAt, d.attempts AS Attempts,
                  d.pull_request_number AS PullRequestNumber, (CASE WHEN d.not_before IS NOT NULL THEN 1 ELSE 0 END)::bigint AS Waited
        """;

    private const string FinishSql = $"""
        UPDATE deliveries
        SET state = @state, last_error = @error, not_before = @notBefore, processed_at = @processedAt, claimed_at = NULL,
            claimed_by = NULL, lease_until = NULL, attempts = attempts - @refund
        WHERE delivery_guid = @guid AND state = '{DeliveryStates.Processing}' AND claimed_by = @replica
        """;

    // Rows claimed before schema version 10 have no lease: their process is gone (the schema changed under it).
    private const string RecoverSql = $"""
        UPDATE deliveries SET state = '{DeliveryStates.Pending}', claimed_at = NULL, claimed_by = NULL, lease_until = NULL
        WHERE state = '{DeliveryStates.Processing}' AND (lease_until IS NULL OR lease_until < @now)
        """;

    public Task<EnqueueResult> EnqueueAsync(InboundDelivery delivery, CancellationToken cancellationToken) =>
        EnqueueAsync(delivery, DeliveryStates.Pending, cancellationToken);

    public Task<EnqueueResult> EnqueueIgnoredAsync(InboundDelivery delivery, CancellationToken cancellationToken) =>
        EnqueueAsync(delivery, DeliveryStates.Ignored, cancellationToken);

    private Task<EnqueueResult> EnqueueAsync(InboundDelivery delivery, string state, CancellationToken cancellationToken)
    {
        InboxRows.Validate(delivery);
        var (storedBody, encoding) = DeliveryBodyCodec.Encode(delivery.Body);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertSql, new
            {
                guid = delivery.DeliveryId,
                @event = delivery.Event,
                action = delivery.Action,
                installation = delivery.InstallationId,
                repository = delivery.Repository,
                number = (long?)delivery.PullRequestNumber,
                received = EvidenceTime.ToText(delivery.ReceivedAt),
                state,
                processed = state == DeliveryStates.Ignored ? Now() : null,
                source = delivery.Source,
            }, transaction, cancellationToken: cancellationToken));
            if (id is null)
            {
                return EnqueueResult.Duplicate;
            }
            await connection.ExecuteAsync(new CommandDefinition(InsertBodySql, new { id, body = storedBody, encoding }, transaction,
                cancellationToken: cancellationToken));
            return EnqueueResult.Accepted;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var now = Now();
        var rows = await database.RunAsync(async c => (await c.QueryAsync<InboxRows.ClaimRow>(new CommandDefinition(
            ClaimSql, new { now, maxCount, replica = lease.ReplicaId, leaseUntil = lease.Until(clock) },
            cancellationToken: cancellationToken))).AsList(), cancellationToken);
        return InboxRows.InClaimOrder(rows);
    }

    public async Task<byte[]> ReadBodyAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var row = await database.RunAsync(c => c.QuerySingleOrDefaultAsync<InboxRows.StoredBody>(new CommandDefinition(
                SqliteDeliveryInbox.ReadBodySql, new { deliveryId }, cancellationToken: cancellationToken)), cancellationToken)
            ?? throw new InvalidOperationException($"No delivery {deliveryId} in the inbox.");
        return DeliveryBodyCodec.Decode(row.Stored, row.Encoding);
    }

    /// <summary>The deliveries in processing whose claim expired become pending: a dead replica's. Those of live replicas
    /// (their leases renewed) stay theirs; this process's own former claims, if it restarted, come back once they expire.</summary>
    public Task<int> RecoverAsync(CancellationToken cancellationToken) =>
        database.RunAsync(c => c.ExecuteAsync(new CommandDefinition(RecoverSql, new { now = Now() }, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<int> RenewClaimsAsync(CancellationToken cancellationToken) =>
        database.RunAsync(c => c.ExecuteAsync(new CommandDefinition(ClaimLease.RenewSql,
            new { replica = lease.ReplicaId, leaseUntil = lease.Until(clock) }, cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlyDictionary<DeliveryState, long>> CountByStateAsync(CancellationToken cancellationToken)
    {
        var rows = await database.RunAsync(c => c.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM deliveries GROUP BY state", cancellationToken: cancellationToken)), cancellationToken);
        var counts = Enum.GetValues<DeliveryState>().ToDictionary(s => s, _ => 0L);
        foreach (var (state, count) in rows)
        {
            counts[DeliveryStates.Parse(state)] = count;
        }
        return counts;
    }

    public Task<long> CountPendingAsync(CancellationToken cancellationToken) =>
        database.RunAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM deliveries WHERE state = '{DeliveryStates.Pending}'", cancellationToken: cancellationToken)), cancellationToken);

    protected override async Task FinishAsync(string deliveryId, string state, string? error, string? notBefore,
        CancellationToken cancellationToken, int refund = 0)
    {
        var processedAt = state is DeliveryStates.Pending ? null : Now();
        var updated = await database.RunAsync(c => c.ExecuteAsync(new CommandDefinition(FinishSql,
            new { state, error, notBefore, processedAt, refund = (long)refund, guid = deliveryId, replica = lease.ReplicaId },
            cancellationToken: cancellationToken)),
            cancellationToken);
        if (updated != 1)
        {
            throw new DeliveryNotClaimedException(
                $"Delivery {deliveryId} is not being processed by this replica (unknown, finished, or its claim expired and another replica took it over); it was not marked {state}.");
        }
    }

    private string Now() => EvidenceTime.ToText(clock.GetUtcNow());
}
