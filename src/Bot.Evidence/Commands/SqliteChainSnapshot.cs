using Bot.Evidence.Chain;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Commands;

/// <summary>Every chain of the SQLite file on one read-only connection (<see cref="IChainSnapshot"/>).</summary>
internal sealed class SqliteChainSnapshot : IChainSnapshot
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _snapshot;

    private SqliteChainSnapshot(SqliteConnection connection, SqliteTransaction? snapshot)
    {
        _connection = connection;
        _snapshot = snapshot;
    }

    /// <summary>For verify: the key checked against the file's, and the file mapped into memory rather than copied page by
    /// page into SQLite's cache (verify reads it once, front to back; the connection is read-only, so nothing is written
    /// through the mapping; SQLite caps the size at what its build allows and reads the rest as usual).</summary>
    public static SqliteChainSnapshot ForVerify(string dbPath, byte[]? hmacKey)
    {
        var connection = OpenForReading(dbPath);
        try
        {
            ChainKeyGuard.RequireForReading(connection, hmacKey, dbPath);
            connection.Execute("PRAGMA mmap_size = 17179869184");
            return new SqliteChainSnapshot(connection, null);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>For checkpoint: every head read in one deferred read transaction.</summary>
    public static SqliteChainSnapshot ForHeads(string dbPath)
    {
        var connection = OpenForReading(dbPath);
        try
        {
            return new SqliteChainSnapshot(connection, connection.BeginTransaction(deferred: true));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A file from before a chain existed simply has no table for it.</summary>
    public bool Has(ChainedTable table) =>
        _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name", new { name = table.Name }, _snapshot) == 1;

    public ChainVerification Verify(ChainedTable table, ChainHasher hasher, ChainCheckpoint? expected) =>
        ChainVerifier.Verify(_connection, table, hasher, expected);

    public (long Seq, string Hash)? Head(ChainedTable table) =>
        _connection.QuerySingleOrDefault<(long Seq, string Hash)?>(table.HeadSql, transaction: _snapshot);

    public void Dispose()
    {
        _snapshot?.Dispose();
        _connection.Dispose();
    }

    /// <summary>Opens an existing evidence file read-only, refusing a file that is none or is newer than this bot.</summary>
    internal static SqliteConnection OpenForReading(string dbPath)
    {
        var database = new SqliteDatabase(dbPath, readOnly: true);
        var connection = database.Open();
        try
        {
            var hasVersions = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") == 1;
            var version = hasVersions ? Migrator.CurrentVersion(connection, null) : 0;
            if (version == 0)
            {
                throw new EvidenceSchemaException($"{database.Path} is not an evidence database (no schema_version).");
            }
            if (version > Migrator.LatestVersion)
            {
                throw new EvidenceSchemaException(
                    $"{database.Path} has schema version {version}, newer than this bot knows ({Migrator.LatestVersion}); verify it with that newer version.");
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
