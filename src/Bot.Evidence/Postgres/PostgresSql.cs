using System.Collections.Concurrent;
using Bot.Evidence.Chain;

namespace Bot.Evidence.Postgres;

/// <summary>Statements a <see cref="ChainedTable"/> needs in PostgreSQL's parameter syntax (<c>@name</c>; SQLite's is <c>$name</c>).</summary>
internal static class PostgresSql
{
    private static readonly ConcurrentDictionary<ChainedTable, string> Inserts = new();

    public static string Insert(ChainedTable table) => Inserts.GetOrAdd(table, t =>
        $"INSERT INTO {t.Name} (seq, prev_hash, hash, {string.Join(", ", t.Columns.Select(c => c.Name))}) VALUES (@seq, @prev_hash, @hash, "
        + string.Join(", ", t.Columns.Select(c => "@" + c.Name)) + ")");
}
