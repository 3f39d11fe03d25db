using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Decisions;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Commands;

/// <summary>The logic of the <c>verify</c> and <c>checkpoint</c> commands (the executable wires the command line).</summary>
public static class EvidenceCommands
{
    /// <summary>
    /// Recomputes the whole decisions chain, then every other chain (changes) that holds records. Prints <c>ok N records, head HASH</c> and returns 0, or the first broken
    /// record (seq, expected vs found) and returns 1. With a checkpoint file, also fails when that record is missing
    /// (a truncated tail) or differs. Errors (no file, bad checkpoint) print <c>error: …</c> and return 1.
    /// </summary>
    public static int Verify(string dbPath, byte[]? hmacKey, string? checkpointFile, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var checkpoint = checkpointFile is null ? null : CheckpointLine.Read(checkpointFile);
            using var connection = OpenForReading(dbPath);
            PrepareForScan(connection);
            var result = ChainVerifier.Verify(connection, DecisionsTable.Table, new ChainHasher(hmacKey), checkpoint);
            if (result.Break is { } broken)
            {
                output.WriteLine($"broken at seq {broken.Seq}: {broken.Field} expected {broken.Expected}, found {broken.Found}");
                output.WriteLine($"the {result.Records} records before it hold (head {result.HeadHash})");
                return 1;
            }
            output.WriteLine($"ok {result.Records} records, head {result.HeadHash}");
            if (checkpoint is not null)
            {
                output.WriteLine($"checkpoint seq {checkpoint.Seq} ({checkpoint.Time}) matches");
            }
            return VerifyOtherChains(connection, new ChainHasher(hmacKey), output);
        }
        catch (Exception error) when (error is IOException or FormatException or SqliteException or EvidenceSchemaException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    /// <summary>The chains after decisions (changes, …), each on its own line prefixed with its name; 1 at the first break.
    /// A file from before a chain existed simply has none of it.</summary>
    private static int VerifyOtherChains(SqliteConnection connection, ChainHasher hasher, TextWriter output)
    {
        foreach (var table in EvidenceChains.All.Where(t => t != DecisionsTable.Table))
        {
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name", new { name = table.Name }) == 0)
            {
                continue;
            }
            var result = ChainVerifier.Verify(connection, table, hasher, null);
            if (result.Break is { } broken)
            {
                output.WriteLine($"{table.Name}: broken at seq {broken.Seq}: {broken.Field} expected {broken.Expected}, found {broken.Found}");
                output.WriteLine($"{table.Name}: the {result.Records} records before it hold (head {result.HeadHash})");
                return 1;
            }
            if (result.Records > 0)
            {
                // An empty chain holds trivially; saying nothing keeps the decisions line the whole answer for older files.
                output.WriteLine($"{table.Name}: ok {result.Records} records, head {result.HeadHash}");
            }
        }
        return 0;
    }

    /// <summary>Prints the chain head as <c>seq hash time</c> (time: the head's recorded_at, ISO-8601 UTC); keep that line elsewhere.</summary>
    public static int Checkpoint(string dbPath, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            using var connection = OpenForReading(dbPath);
            var head = connection.QuerySingleOrDefault<(long Seq, string Hash, string RecordedAt)?>(
                "SELECT seq, hash, recorded_at FROM decisions ORDER BY seq DESC LIMIT 1");
            if (head is not { } h)
            {
                output.WriteLine($"error: {dbPath} holds no decisions yet; there is nothing to checkpoint.");
                return 1;
            }
            output.WriteLine(CheckpointLine.Format(new ChainCheckpoint(h.Seq, h.Hash, h.RecordedAt)));
            return 0;
        }
        catch (Exception error) when (error is IOException or SqliteException or EvidenceSchemaException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    /// <summary>
    /// verify reads the whole file once, front to back: map it into memory rather than copy every page into SQLite's page
    /// cache (a read-only connection, so nothing is written through the mapping). SQLite caps the size at what its build
    /// allows and reads the rest as usual.
    /// </summary>
    private static void PrepareForScan(SqliteConnection connection) =>
        connection.Execute("PRAGMA mmap_size = 17179869184");

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
