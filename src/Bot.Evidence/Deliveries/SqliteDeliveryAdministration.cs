using Bot.Evidence.Inbox;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Deliveries;

/// <summary><c>bot deliveries list|retry</c> on the inbox of the SQLite file directly, so it needs no chain key, and works
/// while the service runs (WAL; the write waits for the service's lock) or is stopped.</summary>
internal sealed class SqliteDeliveryAdministration(string dbPath) : IDeliveryAdministration
{
    public IReadOnlyList<ListedDelivery> List(DeliveryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = Open(dbPath, readOnly: true);
        return DeliveryListing.List(connection, filter);
    }

    public RetryOutcome Retry(string deliveryId, out string? state)
    {
        using var connection = Open(dbPath, readOnly: false);
        state = connection.ExecuteScalar<string?>("SELECT state FROM deliveries WHERE delivery_guid = @deliveryId", new { deliveryId });
        if (state is null)
            return RetryOutcome.Unknown;
        return connection.Execute(RetrySql + " AND delivery_guid = @deliveryId", new { deliveryId }) == 1 ? RetryOutcome.Retried : RetryOutcome.NotFailed;
    }

    public int RetryAllFailed()
    {
        using var connection = Open(dbPath, readOnly: false);
        return connection.Execute(RetrySql);
    }

    // Attempts start again from zero: the operator retries once the cause is fixed, and the delivery deserves its full
    // number of attempts. last_error stays as a record of why it had failed until it is overwritten.
    internal const string RetrySql = $"""
        UPDATE deliveries SET state = '{DeliveryStates.Pending}', attempts = 0, not_before = NULL, claimed_at = NULL, processed_at = NULL
        WHERE state = '{DeliveryStates.Failed}'
        """;

    private static SqliteConnection Open(string dbPath, bool readOnly)
    {
        long version;
        using (var probe = new SqliteDatabase(dbPath, readOnly: true).Open())
            version = DeliveryListing.SchemaOf(probe);
        // Not migrated here: a file the service has not upgraded yet is refused rather than changed under it.
        if (version < DeliveryListing.SchemaVersion || version > Migrator.LatestVersion)
        {
            throw new EvidenceSchemaException(
                $"{dbPath} has schema version {version}; this command needs {DeliveryListing.SchemaVersion} to {Migrator.LatestVersion} (start this version of `bot serve` once to upgrade it).");
        }
        return new SqliteDatabase(dbPath, readOnly).Open();
    }
}
