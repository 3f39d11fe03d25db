using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Commands;
using Bot.Evidence.Storage;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary><c>bot verify</c> and <c>bot checkpoint</c> on a PostgreSQL store: the same output as on SQLite
/// (<see cref="EvidenceCommands.Report"/>), the rows read in one snapshot (<see cref="PostgresChainSnapshot"/>).</summary>
public static class PostgresChainAudit
{
    /// <inheritdoc cref="EvidenceCommands.Verify"/>
    public static int Verify(string connectionString, byte[]? hmacKey, string? checkpointFile, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var anchor = checkpointFile is null ? null : CheckpointLine.Read(checkpointFile);
            var anchored = anchor is null ? null : EvidenceCommands.AnchoredHeads(anchor);
            using var database = new PostgresDatabase(connectionString);
            using var snapshot = PostgresChainSnapshot.Open(database, hmacKey);
            var hasher = new ChainHasher(hmacKey);
            return EvidenceCommands.Report(table => snapshot.Verify(table, hasher, anchored?.GetValueOrDefault(table.Name)), anchor, output);
        }
        catch (Exception error) when (error is IOException or FormatException or NpgsqlException or EvidenceSchemaException or ArgumentException)
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    /// <inheritdoc cref="EvidenceCommands.Checkpoint"/>
    public static int Checkpoint(string connectionString, TextWriter output, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            using var database = new PostgresDatabase(connectionString);
            using var snapshot = PostgresChainSnapshot.Open(database, hmacKey: null, checkKey: false);
            var heads = EvidenceChains.All
                .Select(table => snapshot.Head(table) is { } h ? new Commands.ChainHead(table.Name, h.Seq, h.Hash) : new Commands.ChainHead(table.Name, 0, null))
                .ToList();
            var taken = EvidenceTime.ToText((clock ?? TimeProvider.System).GetUtcNow());
            output.WriteLine(CheckpointLine.Format(new EvidenceCheckpoint(taken, heads)));
            return 0;
        }
        catch (Exception error) when (error is IOException or NpgsqlException or EvidenceSchemaException or ArgumentException)
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }
}
