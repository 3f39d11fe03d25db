using Bot.Evidence.Deliveries;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Postgres;

/// <summary><c>bot deliveries list|retry</c> on a PostgreSQL store: the SQLite listing's queries, on the shared inbox (so it
/// works while replicas run; a retried delivery is claimed by whichever replica polls first).</summary>
internal sealed class PostgresDeliveryAdministration(string connectionString) : IDeliveryAdministration
{
    public IReadOnlyList<ListedDelivery> List(DeliveryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var database = Open();
        using var connection = database.Open();
        return DeliveryListing.List(connection, filter);
    }

    public RetryOutcome Retry(string deliveryId, out string? state)
    {
        using var database = Open();
        using var connection = database.Open();
        state = connection.ExecuteScalar<string?>("SELECT state FROM deliveries WHERE delivery_guid = @deliveryId", new { deliveryId });
        if (state is null)
            return RetryOutcome.Unknown;
        return connection.Execute(SqliteDeliveryAdministration.RetrySql + " AND delivery_guid = @deliveryId", new { deliveryId }) == 1
            ? RetryOutcome.Retried : RetryOutcome.NotFailed;
    }

    public int RetryAllFailed()
    {
        using var database = Open();
        using var connection = database.Open();
        return connection.Execute(SqliteDeliveryAdministration.RetrySql);
    }

    /// <summary>The store as the service left it: not migrated here, a newer or missing schema refused.</summary>
    private PostgresDatabase Open()
    {
        var database = new PostgresDatabase(connectionString);
        using var connection = database.Open();
        if (!PostgresMigrator.HasSchema(connection))
        {
            database.Dispose();
            throw new EvidenceSchemaException($"{database.Location} holds no evidence store (no schema_version).");
        }
        PostgresMigrator.EnsureKnown(PostgresMigrator.CurrentVersion(connection, null), database.Location);
        return database;
    }
}
