using System.Data;
using Bot.Evidence.Chain;
using Bot.Evidence.Commands;
using Bot.Evidence.Storage;
using Dapper;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>Every chain of a PostgreSQL store in one read-only, repeatable-read snapshot: verify and checkpoint see the
/// chains as they were at one moment, while replicas go on appending.</summary>
internal sealed class PostgresChainSnapshot : IChainSnapshot
{
    private readonly PostgresDatabase _database;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private PostgresChainSnapshot(PostgresDatabase database, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _database = database;
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>The snapshot's connection and transaction, for the other reads of one snapshot (the export, the dashboard).</summary>
    public NpgsqlConnection Connection => _connection;

    public NpgsqlTransaction Transaction => _transaction;

    /// <summary><see cref="Open(PostgresDatabase, byte[], bool)"/> on a pool of its own, closed with the snapshot.</summary>
    public static PostgresChainSnapshot Open(string connectionString, byte[]? hmacKey, bool checkKey)
    {
        var database = new PostgresDatabase(connectionString);
        try
        {
            return Open(database, hmacKey, checkKey);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Opens the snapshot of an existing store, refusing a database without one, a newer schema, or a chain keyed
    /// with another key than <paramref name="hmacKey"/> (unless <paramref name="checkKey"/> is false: the checkpoint reads stored hashes only).</summary>
    private static PostgresChainSnapshot Open(PostgresDatabase database, byte[]? hmacKey, bool checkKey)
    {
        var connection = database.Open();
        try
        {
            if (!PostgresMigrator.HasSchema(connection))
            {
                throw new EvidenceSchemaException($"{database.Location} holds no evidence store (no schema_version).");
            }
            PostgresMigrator.EnsureKnown(PostgresMigrator.CurrentVersion(connection, null), database.Location);
            var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            connection.Execute("SET TRANSACTION READ ONLY", transaction: transaction);
            if (checkKey)
            {
                ChainKeyGuard.RequireForReading(connection, hmacKey, database.Location);
            }
            return new PostgresChainSnapshot(database, connection, transaction);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Whether the store has the chain (every migrated PostgreSQL store has them all; asked for symmetry with SQLite).</summary>
    public bool Has(ChainedTable table) =>
        _connection.ExecuteScalar<bool>("SELECT to_regclass(@name) IS NOT NULL", new { name = table.Name }, _transaction);

    public ChainVerification Verify(ChainedTable table, ChainHasher hasher, ChainCheckpoint? expected)
    {
        using var walk = new ChainWalk(new PostgresChainRowSource(_connection, _transaction, table), table, hasher, expected, Environment.ProcessorCount);
        while (walk.Step())
        {
        }
        return walk.Result();
    }

    public (long Seq, string Hash)? Head(ChainedTable table) =>
        _connection.QuerySingleOrDefault<(long Seq, string Hash)?>(table.HeadSql, transaction: _transaction);

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
        _database.Dispose();
    }
}
