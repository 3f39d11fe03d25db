using System.Text;
using System.Text.Json;
using Bot.Evidence.Changes;
using Bot.Evidence.Export;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Dashboard;

/// <summary>
/// The dashboard's Changes table. Pages are keyset-paged newest first (merged_at, then seq) on the
/// merged_at indexes, so a page costs the same at the top and deep in a million changes; the period and repository
/// filter is the export's own (<see cref="ChangeExporter.Filter"/>).
/// </summary>
internal static class ChangeBrowser
{
    private const string Columns = "c.seq, c.repository, c.kind, c.change_id, c.pull_request_number, c.title, c.author, c.merged_at, c.ai_assisted, c.findings_json";

    public static ChangePage Page(string dbPath, ChangeFilter filter, ChangeCursor? after, ChangeCursor? before, int size)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        using var connection = ChangeExporter.OpenForExport(new SqliteDatabase(dbPath, readOnly: true));
        connection.Execute("BEGIN DEFERRED");
        try
        {
            var (where, parameters) = ChangeExporter.Filter(filter.Period);
            var overridden = OverviewReader.OverriddenChanges(connection, where, parameters).ToHashSet();
            var (narrow, extra) = Narrow(filter, overridden);
            var matching = Count(connection, filter, where + narrow, [.. parameters, .. extra]);

            var backwards = after is null && before is not null;
            var cursor = after ?? before;
            var sql = new StringBuilder("SELECT ").Append(Columns).Append(" FROM changes c ").Append(PageIndex(filter))
                .Append(where).Append(narrow);
            if (cursor is not null)
            {
                sql.Append(backwards
                    ? " AND (c.merged_at > $cursor_at OR (c.merged_at = $cursor_at AND c.seq > $cursor_seq))"
                    : " AND (c.merged_at < $cursor_at OR (c.merged_at = $cursor_at AND c.seq < $cursor_seq))");
            }
            sql.Append(backwards ? " ORDER BY c.merged_at, c.seq" : " ORDER BY c.merged_at DESC, c.seq DESC").Append(" LIMIT $limit");
            using var command = OverviewReader.Command(connection, sql.ToString(), [.. parameters, .. extra]);
            if (cursor is { } at)
            {
                command.Parameters.AddWithValue("$cursor_at", at.MergedAt);
                command.Parameters.AddWithValue("$cursor_seq", at.Seq);
            }
            command.Parameters.AddWithValue("$limit", size + 1);
            return Assemble(Read(command, overridden), matching, size, after, before);
        }
        finally
        {
            connection.Execute("COMMIT");
        }
    }

    /// <summary>Every repository with a recorded change, in the export's order (ASCII case folded). A loose index scan: one
    /// index seek per repository, whatever the number of changes.</summary>
    public static IReadOnlyList<string> Repositories(string dbPath)
    {
        using var connection = ChangeExporter.OpenForExport(new SqliteDatabase(dbPath, readOnly: true));
        return [.. connection.Query<string>("""
            WITH RECURSIVE r(name) AS (
                SELECT MIN(repository) FROM changes
                UNION ALL
                SELECT (SELECT MIN(repository) FROM changes WHERE repository > r.name) FROM r WHERE r.name IS NOT NULL)
            SELECT name FROM r WHERE name IS NOT NULL
            """)];
    }

    /// <summary>The dashboard's filters beyond period and repositories, as SQL on <c>changes c</c> with their parameters.</summary>
    private static (string Sql, SqliteParameter[] Parameters) Narrow(ChangeFilter filter, HashSet<long> overridden)
    {
        var (sql, parameters) = SqliteFilterSql.Instance.Narrow(filter, overridden);
        return (sql, [.. parameters.Select(p => new SqliteParameter("$" + p.Name, p.Value))]);
    }

    private sealed class SqliteFilterSql : ChangeFilterSql
    {
        public static SqliteFilterSql Instance { get; } = new();

        protected override string Mark => "$";

        // instr() passes over most changes without parsing their JSON (findings are stored compact, code first); the JSON
        // test then decides, so a detail that happens to contain the text cannot match.
        protected override string HasFinding => "instr(c.findings_json, $finding_text) > 0"
            + " AND EXISTS (SELECT 1 FROM json_each(c.findings_json) f WHERE json_extract(f.value, '$.code') = $finding)";

        protected override IEnumerable<(string Name, object Value)> FindingParameters(string code) =>
            [("finding", code), ("finding_text", $"\"code\":\"{code}\"")];

        protected override string SeqIn(bool yes) =>
            yes ? "c.seq IN (SELECT value FROM json_each($overridden))" : "c.seq NOT IN (SELECT value FROM json_each($overridden))";

        protected override object Seqs(IEnumerable<long> seqs) => JsonSerializer.Serialize(seqs.ToArray(), ChangeJsonContext.Default.Int64Array);
    }

    /// <summary>The index a page walks newest first. Changes with findings are a small part of the population and have an
    /// index of their own; overridden changes are few and found by seq; everything else walks merged_at.</summary>
    private static string PageIndex(ChangeFilter filter) => filter switch
    {
        { Overridden: true } => "",
        { Finding: not null and not ChangeFilter.NoFinding } => "INDEXED BY changes_with_findings ",
        _ => "INDEXED BY changes_by_merged_at ",
    };

    /// <summary>How many changes match, counted on a covering index (every filtered column is in its entries): the one of
    /// changes with findings when only those can match.</summary>
    private static long Count(SqliteConnection connection, ChangeFilter filter, string where, SqliteParameter[] parameters)
    {
        var index = filter.Finding is null or ChangeFilter.NoFinding ? "changes_overview" : "changes_with_findings";
        using var command = OverviewReader.Command(connection, $"SELECT COUNT(*) FROM changes c INDEXED BY {index} " + where, parameters);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The page from the rows read past the cursor (one more than <paramref name="size"/> when more remain; oldest
    /// first when going back to newer ones), with where its neighbours start.</summary>
    internal static ChangePage Assemble(List<ChangeSummary> rows, long matching, int size, ChangeCursor? after, ChangeCursor? before)
    {
        var backwards = after is null && before is not null;
        var cursor = after ?? before;
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        if (backwards)
        {
            rows.Reverse();
        }
        ChangeCursor? first = rows.Count > 0 ? CursorOf(rows[0]) : null;
        ChangeCursor? last = rows.Count > 0 ? CursorOf(rows[^1]) : null;
        // Going back (newer), "more" means newer pages remain; the page we came from is older. Going on, the reverse.
        return backwards
            ? new ChangePage(rows, matching, more ? first : null, last)
            : new ChangePage(rows, matching, cursor is null ? null : first, more ? last : null);
    }

    internal static List<ChangeSummary> Read(System.Data.Common.DbCommand command, IReadOnlySet<long> overridden)
    {
        var rows = new List<ChangeSummary>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var seq = reader.GetInt64(0);
            var findings = reader.GetString(9);
            rows.Add(new ChangeSummary(
                seq,
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.GetString(5),
                reader.GetString(6),
                EvidenceTime.Parse(reader.GetString(7)),
                reader.GetInt64(8) != 0,
                findings == "[]" ? [] : [.. Findings(findings).Select(f => f.Code).Distinct()],
                overridden.Contains(seq)));
        }
        return rows;
    }

    private static ChangeCursor CursorOf(ChangeSummary row) => new(EvidenceTime.ToText(row.MergedAt), row.Seq);

    internal static IReadOnlyList<ChangeFinding> Findings(string json) =>
        JsonSerializer.Deserialize(json, ChangeJsonContext.Default.IReadOnlyListChangeFinding) ?? [];
}
