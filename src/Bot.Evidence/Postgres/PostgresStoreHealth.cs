using Bot.Evidence.Health;
using Bot.Evidence.Statistics;
using Dapper;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>The PostgreSQL store's health: writable means connected to a server that takes writes (not a standby, not read-only).</summary>
internal sealed class PostgresStoreHealth(PostgresDatabase database) : IStoreHealth
{
    public string Location => database.Location;

    public async Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        var writable = await database.RunAsync(c => c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off'", cancellationToken: cancellationToken)),
            cancellationToken);
        if (!writable)
        {
            throw new NpgsqlException($"{database.Location} is read-only (a standby, or default_transaction_read_only is on).");
        }
    }

    public StoreStatistics ReadStatistics()
    {
        using var connection = database.Open();
        return StoreStatisticsQuery.Read(connection);
    }
}
