using Bot.Evidence.Leases;
using Dapper;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>The evaluation lock as a session-level advisory lock on a connection held for the evaluation: PostgreSQL
/// releases it when the holder unlocks, or when its connection ends (the replica died), so no lease is needed.</summary>
internal sealed class PostgresEvaluationLocks(PostgresDatabase database) : IEvaluationLocks
{
    public async Task<IAsyncDisposable> AcquireAsync(string repository, long pullRequestNumber, CancellationToken cancellationToken)
    {
        // Repositories compare case-insensitively everywhere in the store, so the key does too.
        var key = $"bot-evaluation:{repository.ToLowerInvariant()}#{pullRequestNumber}";
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(hashtextextended(@key, 0))", new { key },
                cancellationToken: cancellationToken));
            return new Held(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(hashtextextended(@key, 0))", new { key });
            }
            catch (NpgsqlException)
            {
                // The connection broke: the server ended its session and the lock with it, and Npgsql does not pool a broken
                // connection. (A pooled connection is reset with DISCARD ALL before reuse, which also releases session locks.)
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
