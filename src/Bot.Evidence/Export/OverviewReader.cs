using System.Data.Common;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Overrides;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Export;

/// <summary>One week of the period (Monday to Sunday, cut to the period): changes merged, AI-assisted ones, ones with gaps.</summary>
public sealed record WeekCount(DateOnly From, DateOnly To, long Changes, long AiAssisted, long WithGaps);

/// <summary>A kind of gap and how many there are: a finding code (<see cref="Changes.FindingCodes"/>) counted in changes, or
/// a gap of the completeness section that is not a change's finding (<see cref="OverviewReader.FailedDelivery"/>, …).</summary>
public sealed record GapCount(string Code, long Count);

/// <summary>The dashboard's Overview of a period: the export's population and completeness figures without its rows.</summary>
public sealed record PopulationOverview(
    ExportRequest Request,
    long Population,
    long AiAssisted,
    long WithGaps,
    IReadOnlyList<GapCount> Gaps,
    long ApprovedOverrides,
    IReadOnlyList<WeekCount> Weeks,
    ExportCompleteness Completeness,
    IReadOnlyList<ChainTip> Tips);

/// <summary>
/// Counts what <see cref="ChangeExporter"/> would export for a request, without writing or verifying anything: the same
/// period and repository filter (<see cref="ChangeExporter.Filter"/>), the same definition of a gap (a change whose stored
/// findings are not empty, counted by <see cref="Changes.FindingCodes"/> code), the same override lookup, and the same
/// completeness step (<see cref="CompletenessSources"/>) for the gaps that are not a change's findings. The counts come
/// from indexes (migration 9), so a period of a million changes is counted in well under a second.
/// </summary>
public static class OverviewReader
{
    /// <summary>A delivery given up after its retries that concerns a change (the export's <c>failed_delivery</c> lines).</summary>
    public const string FailedDelivery = "failed_delivery";

    /// <summary>A repository whose branch history is reconciled only to a time before the period ends.</summary>
    public const string NotReconciled = "not_reconciled";

    /// <summary>A window of the period whose deliveries GitHub no longer kept and that reconciliation has not covered.</summary>
    public const string DeliveriesNotRecoverable = "deliveries_not_recoverable";

    internal static PopulationOverview Read(string dbPath, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        using var connection = ChangeExporter.OpenForExport(new SqliteDatabase(dbPath, readOnly: true));
        // One snapshot for every count, as the export reads one snapshot for its rows and its completeness section.
        connection.Execute("BEGIN DEFERRED");
        try
        {
            var (where, parameters) = ChangeExporter.Filter(request);
            return Compose(request, week => CountWeek(connection, week),
                counted => CompletenessSources.Add(counted, connection, request),
                FindingCounts(connection, where, parameters), OverriddenChanges(connection, where, parameters).Count, ChainTips.Read(connection));
        }
        finally
        {
            connection.Execute("COMMIT");
        }
    }

    /// <summary>The Overview from a provider's counts: the weeks counted one by one (<paramref name="countWeek"/>), their
    /// sums, and the completeness section's own gaps added to the changes' finding counts.</summary>
    internal static PopulationOverview Compose(ExportRequest request, Func<ExportRequest, WeekCount> countWeek,
        Func<ExportCompleteness, ExportCompleteness> complete, IReadOnlyList<GapCount> findingCounts, long overridden, IReadOnlyList<ChainTip> tips)
    {
        var weeks = Weeks(request.From, request.To).Select(week => countWeek(request with { From = week.From, To = week.To })).ToList();
        var population = weeks.Sum(w => w.Changes);
        var ai = weeks.Sum(w => w.AiAssisted);
        var completeness = complete(new ExportCompleteness(population, ai, population - ai, 0, [], []));
        return new PopulationOverview(request, population, ai, weeks.Sum(w => w.WithGaps), [.. findingCounts, .. CompletenessGaps(completeness)],
            overridden, weeks, completeness, tips);
    }

    /// <summary>The gaps of the completeness section that are not a change's findings, by kind: failed deliveries that concern
    /// a change, repositories not reconciled to the period's end, and lost delivery windows reconciliation has not covered
    /// (each of which makes <c>bot export</c> exit 3).</summary>
    internal static IReadOnlyList<GapCount> CompletenessGaps(ExportCompleteness completeness) =>
    [
        .. Counted(FailedDelivery, completeness.FailedDeliveries.Count),
        .. Counted(NotReconciled, completeness.Reconciliation.Count(r => !r.CoversPeriod)),
        .. Counted(DeliveriesNotRecoverable, completeness.UnrecoveredDeliveries.Count()),
    ];

    private static IEnumerable<GapCount> Counted(string code, long count) => count > 0 ? [new GapCount(code, count)] : [];

    /// <summary>The changes of the filter that the export lists as approved exceptions (its <c>override</c> column): an override
    /// in force for the merged head at merge, and the decision the merge relied on concluded success. By seq.</summary>
    internal static List<long> OverriddenChanges(SqliteConnection connection, string where, SqliteParameter[] parameters) =>
        OverriddenChanges(new OverrideLookup(connection), (repository, number, headSha) =>
        {
            var command = Command(connection,
                "SELECT c.seq, c.merged_at, d.conclusion FROM changes c INDEXED BY changes_by_pull_request LEFT JOIN decisions d ON d.seq = c.decision_seq "
                + where + " AND c.repository = $o_repository AND c.pull_request_number = $o_number AND c.head_sha = $o_head", parameters);
            command.Parameters.AddWithValue("$o_repository", repository);
            command.Parameters.AddWithValue("$o_number", number);
            command.Parameters.AddWithValue("$o_head", headSha);
            return command;
        });

    /// <summary><see cref="OverriddenChanges(SqliteConnection, string, SqliteParameter[])"/> on any provider:
    /// <paramref name="mergedAt"/> gives the query of the filtered changes merged at one head (seq, merged_at, and the
    /// conclusion of the decision the merge relied on).</summary>
    internal static List<long> OverriddenChanges(OverrideLookup overrides, Func<string, long, string, DbCommand> mergedAt)
    {
        var seqs = new List<long>();
        foreach (var (repository, number, headSha) in overrides.Heads)
        {
            using var command = mergedAt(repository, number, headSha);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(2) && reader.GetString(2) == "success"
                    && overrides.Find(repository, number, headSha, EvidenceTime.Parse(reader.GetString(1))) is not null)
                    seqs.Add(reader.GetInt64(0));
            }
        }
        return seqs;
    }

    /// <summary>A command with copies of the filter's parameters (a parameter object belongs to one command).</summary>
    internal static SqliteCommand Command(SqliteConnection connection, string sql, SqliteParameter[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddRange(parameters.Select(p => new SqliteParameter(p.ParameterName, p.Value)).ToArray());
        return command;
    }

    private static WeekCount CountWeek(SqliteConnection connection, ExportRequest week)
    {
        var (where, parameters) = ChangeExporter.Filter(week);
        // Read from the covering index alone: merged_at bounds the range, the other columns are in the index entry.
        using var command = Command(connection,
            "SELECT COUNT(*), COALESCE(SUM(c.ai_assisted), 0), COALESCE(SUM(c.findings_json <> '[]'), 0) FROM changes c INDEXED BY changes_overview " + where,
            parameters);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new WeekCount(week.From, week.To, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Changes with each finding code; a change with two findings counts under both.</summary>
    private static List<GapCount> FindingCounts(SqliteConnection connection, string where, SqliteParameter[] parameters)
    {
        using var command = Command(connection,
            "SELECT json_extract(f.value, '$.code') AS code, COUNT(DISTINCT c.seq) FROM changes c INDEXED BY changes_with_findings, json_each(c.findings_json) f "
            + where + " AND c.findings_json <> '[]' GROUP BY code ORDER BY code", parameters);
        using var reader = command.ExecuteReader();
        var counts = new List<GapCount>();
        while (reader.Read())
        {
            counts.Add(new GapCount(reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt64(1)));
        }
        return counts;
    }

    /// <summary>Monday-to-Sunday weeks that meet the period, each cut to the period.</summary>
    internal static IEnumerable<(DateOnly From, DateOnly To)> Weeks(DateOnly from, DateOnly to)
    {
        var monday = from.AddDays(-(((int)from.DayOfWeek + 6) % 7));
        for (var start = monday; start <= to; start = start.AddDays(7))
        {
            var end = start.AddDays(6);
            yield return (start < from ? from : start, end > to ? to : end);
        }
    }
}
