using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Dashboard;

/// <summary>The newest record of one chain: what a checkpoint taken now would anchor. <see cref="Seq"/> 0 and the genesis
/// hash (all zeros, the head <c>bot verify</c> reports) for a chain without records, which has no time.</summary>
public sealed record ChainTip(string Chain, long Seq, string Hash, DateTimeOffset? RecordedAt);

/// <summary>Reads the tip of every evidence chain (decisions, changes, overrides, …) on the caller's connection.</summary>
internal static class ChainTips
{
    public static IReadOnlyList<ChainTip> Read(SqliteConnection connection) =>
        Read(connection, EvidenceChains.All.Where(table => Exists(connection, table.Name)));

    /// <summary>The tips of <paramref name="tables"/>, which the store has, on any provider's connection.</summary>
    public static IReadOnlyList<ChainTip> Read(DbConnection connection, IEnumerable<ChainedTable> tables) =>
        [.. tables.Select(table => Read(connection, table.Name))];

    public static bool Exists(SqliteConnection connection, string table) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table", new { table }) == 1;

    private static ChainTip Read(DbConnection connection, string table)
    {
        // The table name comes from EvidenceChains (identifiers checked by ChainedTable), never from a request.
        var head = connection.QuerySingleOrDefault<(long Seq, string Hash, string RecordedAt)?>(
            $"SELECT seq, hash, recorded_at FROM {table} ORDER BY seq DESC LIMIT 1");
        return head is { } h ? new ChainTip(table, h.Seq, h.Hash, Storage.EvidenceTime.Parse(h.RecordedAt)) : new ChainTip(table, 0, ChainHasher.ToHex(ChainHasher.Genesis), null);
    }
}
