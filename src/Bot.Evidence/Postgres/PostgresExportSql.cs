using System.Globalization;
using Bot.Evidence.Export;
using Bot.Evidence.Storage;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>
/// The export's filter and population order in PostgreSQL, giving the rows in exactly SQLite's order: the repository under
/// SQLite's NOCASE (ASCII letters folded, then byte order: <c>lower()</c> under the "C" collation folds ASCII only), the
/// other key columns in byte order (SQLite's BINARY, whatever the database's default collation), then seq, which is the
/// order SQLite's index gives equal keys. Times are the stored ISO text of one fixed width (EvidenceTime), which every
/// collation orders as its bytes, so they are compared under the column's own collation and its indexes serve the ranges.
/// </summary>
internal static class PostgresExportSql
{
    public const string Order = """ ORDER BY lower(c.repository COLLATE "C"), c.base_ref COLLATE "C", c.change_id COLLATE "C", c.kind COLLATE "C", c.seq""";

    /// <summary>The period (merged_at, UTC days) and repositories of a request as a WHERE clause on <c>changes c</c>.</summary>
    public static (string Where, NpgsqlParameter[] Parameters) Filter(ExportRequest request)
    {
        var parameters = new List<NpgsqlParameter>
        {
            new("from", EvidenceTime.ToText(new DateTimeOffset(request.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))),
            new("until", EvidenceTime.ToText(new DateTimeOffset(request.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))),
        };
        var where = "WHERE c.merged_at >= @from AND c.merged_at < @until";
        if (request.Repositories.Count > 0)
        {
            // The column's collation (nocase) compares case-insensitively, as SQLite's NOCASE does.
            var names = request.Repositories.Select((r, i) => ("repo" + i.ToString(CultureInfo.InvariantCulture), r)).ToList();
            parameters.AddRange(names.Select(n => new NpgsqlParameter(n.Item1, n.r)));
            where += " AND c.repository IN (" + string.Join(", ", names.Select(n => "@" + n.Item1)) + ")";
        }
        return (where, [.. parameters]);
    }

    /// <summary>A command in the snapshot with copies of the filter's parameters (a parameter belongs to one command).</summary>
    public static NpgsqlCommand Command(PostgresChainSnapshot snapshot, string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlCommand(sql, snapshot.Connection, snapshot.Transaction);
        command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        return command;
    }
}
