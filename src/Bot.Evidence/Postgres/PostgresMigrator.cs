using Bot.Evidence.Storage;
using Dapper;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>Brings the database to the newest schema this build knows, one transaction per step (PostgreSQL's DDL is
/// transactional). Several replicas starting at once take turns: every step holds one advisory lock, and re-reads the
/// version under it.</summary>
internal static class PostgresMigrator
{
    // pg_advisory_xact_lock key of the migrations; chains lock keys of their own (PostgresChainWriter).
    private const long MigrationLock = 0x626F74_00_0001; // "bot", 1

    /// <summary>Applies what is missing; returns the version the database has now.</summary>
    public static long Apply(NpgsqlConnection connection, string location)
    {
        foreach (var migration in PostgresMigrations.All)
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute("SELECT pg_advisory_xact_lock(@MigrationLock)", new { MigrationLock }, transaction);
            // Created only when missing: a service role without CREATE on the schema starts on a migrated store.
            if (!HasSchema(connection, transaction))
            {
                connection.Execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version     bigint PRIMARY KEY,
                        description text NOT NULL,
                        applied_at  text NOT NULL
                    )
                    """, transaction: transaction);
            }
            var current = CurrentVersion(connection, transaction);
            EnsureKnown(current, location);
            if (current >= migration.Version)
            {
                continue;
            }
            Migrator.Run(connection, transaction, migration);
            transaction.Commit();
        }
        return CurrentVersion(connection, null);
    }

    public static long CurrentVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version", transaction: transaction) ?? 0;

    /// <summary>Whether the database holds a store at all (the read-only commands create nothing).</summary>
    public static bool HasSchema(NpgsqlConnection connection, NpgsqlTransaction? transaction = null) =>
        connection.ExecuteScalar<bool>("SELECT to_regclass('schema_version') IS NOT NULL", transaction: transaction);

    // The schemas share their versions, so the newest this build knows is the same number on both providers.
    public static void EnsureKnown(long version, string location) => Migrator.EnsureKnown(version, location);
}
