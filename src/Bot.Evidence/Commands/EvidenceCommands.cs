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
    /// Recomputes every chain (decisions first, then changes, overrides, …). Prints <c>ok N records, head HASH</c> for the
    /// decisions chain and <c>NAME: ok N records, head HASH</c> for every other chain that holds records, and returns 0; or
    /// the first broken record (seq, expected vs found) and returns 1. With a checkpoint (a file holding the line
    /// <see cref="Checkpoint"/> printed, or the line itself), also fails when the record a chain's head was then is missing
    /// (a truncated tail) or differs, naming the chain. Errors (no file, bad checkpoint, a keyed chain without its key)
    /// print <c>error: …</c> and return 1.
    /// </summary>
    /// <param name="checkpointFile">A file holding the checkpoint line, or the line itself; null: no checkpoint.</param>
    public static int Verify(string dbPath, byte[]? hmacKey, string? checkpointFile, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var anchor = checkpointFile is null ? null : CheckpointLine.Read(checkpointFile);
            var anchored = anchor is null ? null : AnchoredHeads(anchor);
            using var connection = OpenForReading(dbPath);
            ChainKeyGuard.RequireForReading(connection, hmacKey, dbPath);
            PrepareForScan(connection);
            var hasher = new ChainHasher(hmacKey);
            return Report(
                table => TableExists(connection, table)
                    ? ChainVerifier.Verify(connection, table, hasher, anchored?.GetValueOrDefault(table.Name))
                    : ChainVerifier.Absent(table, anchored?.GetValueOrDefault(table.Name)),
                anchor, output);
        }
        catch (Exception error) when (error is IOException or FormatException or SqliteException or EvidenceSchemaException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    /// <summary>Prints every chain's verdict (<paramref name="verify"/> gives it; the provider reads the rows) and the
    /// checkpoint's match, as <c>bot verify</c> does on every provider; 0 when all hold, 1 at the first broken chain.</summary>
    internal static int Report(Func<ChainedTable, ChainVerification> verify, EvidenceCheckpoint? anchor, TextWriter output)
    {
        foreach (var table in EvidenceChains.All)
        {
            var result = verify(table);
            // The decisions chain keeps the unprefixed lines older versions printed; every later chain is named.
            var prefix = table == DecisionsTable.Table ? "" : table.Name + ": ";
            if (result.Break is { } broken)
            {
                output.WriteLine($"{prefix}broken at seq {broken.Seq}: {broken.Field} expected {broken.Expected}, found {broken.Found}");
                output.WriteLine($"{prefix}the {result.Records} records before it hold (head {result.HeadHash})");
                return 1;
            }
            if (prefix.Length == 0 || result.Records > 0)
            {
                // An empty later chain holds trivially; saying nothing keeps the decisions line the whole answer for older files.
                output.WriteLine($"{prefix}ok {result.Records} records, head {result.HeadHash}");
            }
        }
        if (anchor is not null)
        {
            output.WriteLine($"checkpoint of {anchor.Time} matches: {string.Join(", ", anchor.Heads.Select(h => $"{h.Chain} seq {h.Seq}"))}");
            if (anchor.OneChainFormat)
            {
                output.WriteLine("note: a checkpoint in the older one-chain format anchors the decisions chain only; `bot checkpoint` now anchors every chain");
            }
        }
        return 0;
    }

    /// <summary>The checkpoint's heads by chain name; a chain with no record then (seq 0) has nothing that could be cut off.
    /// A chain this bot does not know is refused: the checkpoint was taken by a newer bot, and skipping it would leave that
    /// chain unchecked.</summary>
    internal static Dictionary<string, ChainCheckpoint> AnchoredHeads(EvidenceCheckpoint anchor)
    {
        var unknown = anchor.Heads.Select(h => h.Chain).Except(EvidenceChains.All.Select(t => t.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException($"The checkpoint names chains this bot does not know ({string.Join(", ", unknown)}); verify with the bot version that took it, or newer.");
        }
        return anchor.Heads.Where(h => h.Seq > 0).ToDictionary(h => h.Chain, h => new ChainCheckpoint(h.Seq, h.Hash!, anchor.Time));
    }

    /// <summary>A file from before a chain existed simply has no table for it.</summary>
    private static bool TableExists(SqliteConnection connection, ChainedTable table) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name", new { name = table.Name }) == 1;

    /// <summary>
    /// Prints one line holding the head of every chain (<see cref="CheckpointLine"/>), read in one snapshot, so that
    /// removing the newest records of any chain is noticed later. A chain without records is anchored as empty; keep the
    /// line elsewhere. It reads stored hashes only, so it needs no key.
    /// </summary>
    public static int Checkpoint(string dbPath, TextWriter output, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            using var connection = OpenForReading(dbPath);
            using var snapshot = connection.BeginTransaction(deferred: true);
            var heads = new List<ChainHead>();
            foreach (var table in EvidenceChains.All)
            {
                var head = TableExists(connection, table)
                    ? connection.QuerySingleOrDefault<(long Seq, string Hash)?>(table.HeadSql, transaction: snapshot)
                    : null;
                heads.Add(head is { } h ? new ChainHead(table.Name, h.Seq, h.Hash) : new ChainHead(table.Name, 0, null));
            }
            var taken = EvidenceTime.ToText((clock ?? TimeProvider.System).GetUtcNow());
            output.WriteLine(CheckpointLine.Format(new EvidenceCheckpoint(taken, heads)));
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
