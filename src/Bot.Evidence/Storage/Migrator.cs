using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Storage;

/// <summary>Brings the file to the newest schema this build knows, one transaction per step.</summary>
internal static class Migrator
{
    public static IReadOnlyList<Migration> All { get; } = [Migration0001Initial.Migration, Migration0002Changes.Migration, Migration0003Overrides.Migration,
        Migration0004DeliveryRouting.Migration, Migration0005CompressedBodies.Migration,
        Migration0006RecordedDeliveries.Migration, Migration0007ReconciledBranches.Migration, Migration0008MergeGroups.Migration,
        Migration0009DashboardIndexes.Migration, Migration0010ClaimLeases.Migration, Migration0011WorkLeases.Migration,
        Migration0012DashboardKeys.Migration];

    public static int LatestVersion => All[^1].Version;

    public static void Apply(SqliteConnection connection, string path)
    {
        // journal_mode is stored in the file and cannot change inside a transaction, so it is set before any step.
        var mode = connection.ExecuteScalar<string>("PRAGMA journal_mode = WAL");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new EvidenceSchemaException($"Evidence database {path}: could not switch to WAL mode (journal_mode is '{mode}').");
        }
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            ) STRICT
            """);
        EnsureKnown(CurrentVersion(connection, null), path);

        foreach (var migration in All)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            // Re-read under the write lock: another process may have migrated since.
            var current = CurrentVersion(connection, transaction);
            EnsureKnown(current, path);
            if (current >= migration.Version)
            {
                continue;
            }
            Run(connection, transaction, migration);
            transaction.Commit();
        }
    }

    /// <summary>Runs one step and records it, inside the caller's transaction (every provider's migrator).</summary>
    public static void Run(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Migration migration)
    {
        connection.Execute(migration.Sql, transaction: transaction);
        connection.Execute(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (@Version, @Description, @AppliedAt)",
            new { migration.Version, migration.Description, AppliedAt = EvidenceTime.ToText(DateTimeOffset.UtcNow) },
            transaction);
    }

    public static long CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction) =>
        connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version", transaction: transaction) ?? 0;

    public static void EnsureKnown(long version, string path)
    {
        if (version > LatestVersion)
        {
            throw new EvidenceSchemaException(
                $"Evidence database {path} has schema version {version}, newer than the newest this bot knows ({LatestVersion}). "
                + "It was written by a newer bot; run that version (or newer) instead. Nothing was changed.");
        }
    }
}
