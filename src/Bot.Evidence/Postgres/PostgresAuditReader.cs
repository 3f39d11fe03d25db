using System.Text;
using Bot.Evidence.Changes;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Export;
using Bot.Evidence.Overrides;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>
/// The dashboard's reads of a PostgreSQL store, each in a repeatable-read, read-only snapshot of its own
/// (<see cref="PostgresChainSnapshot"/>), with the export's filter and order (<see cref="PostgresExportSql"/>) and the
/// SQLite reader's definitions (a gap is a change whose stored findings are not <c>[]</c>; an override as the export's
/// column), so that a page, <c>bot export</c> and the SQLite dashboard never disagree. Pages are keyset-paged newest first
/// on the merged_at index, as on SQLite.
/// </summary>
internal sealed class PostgresAuditReader(string connectionString, byte[]? hmacKey) : IAuditReader
{
    private const string Summary = "c.seq, c.repository, c.kind, c.change_id, c.pull_request_number, c.title, c.author, c.merged_at, c.ai_assisted, c.findings_json";

    private PostgresChainSnapshot Snapshot(bool checkKey = false) =>
        PostgresChainSnapshot.Open(connectionString, checkKey ? hmacKey : null, checkKey);

    public PopulationOverview Overview(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        using var snapshot = Snapshot();
        return OverviewReader.Compose(request, week => CountWeek(snapshot, week),
            counted => CompletenessSources.Add(counted, snapshot.Connection, request),
            FindingCounts(snapshot, request), OverriddenChanges(snapshot, request).Count, Tips(snapshot));
    }

    public IReadOnlyList<string> Repositories()
    {
        using var snapshot = Snapshot();
        // One spelling per repository (as NOCASE groups them), the first in the export's order, as SQLite's index gives it.
        using var command = PostgresExportSql.Command(snapshot,
            """SELECT DISTINCT ON (lower(c.repository COLLATE "C")) c.repository FROM changes c""" + PostgresExportSql.Order, []);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    public ChangePage Changes(ChangeFilter filter, ChangeCursor? after, ChangeCursor? before, int size)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        using var snapshot = Snapshot();
        var (where, parameters) = PostgresExportSql.Filter(filter.Period);
        var overridden = OverriddenChanges(snapshot, filter.Period).ToHashSet();
        var (narrow, extra) = Narrow(filter, overridden);
        NpgsqlParameter[] all = [.. parameters, .. extra];
        using var count = PostgresExportSql.Command(snapshot, "SELECT COUNT(*) FROM changes c " + where + narrow, all);
        var matching = (long)count.ExecuteScalar()!;

        var backwards = after is null && before is not null;
        var cursor = after ?? before;
        var sql = new StringBuilder("SELECT ").Append(Summary).Append(" FROM changes c ").Append(where).Append(narrow);
        if (cursor is not null)
        {
            sql.Append(backwards
                ? " AND (c.merged_at > @cursor_at OR (c.merged_at = @cursor_at AND c.seq > @cursor_seq))"
                : " AND (c.merged_at < @cursor_at OR (c.merged_at = @cursor_at AND c.seq < @cursor_seq))");
        }
        sql.Append(backwards ? " ORDER BY c.merged_at, c.seq" : " ORDER BY c.merged_at DESC, c.seq DESC").Append(" LIMIT @limit");
        using var page = PostgresExportSql.Command(snapshot, sql.ToString(), all);
        if (cursor is { } at)
        {
            page.Parameters.AddWithValue("cursor_at", at.MergedAt);
            page.Parameters.AddWithValue("cursor_seq", at.Seq);
        }
        page.Parameters.AddWithValue("limit", size + 1);
        return ChangeBrowser.Assemble(ChangeBrowser.Read(page, overridden), matching, size, after, before);
    }

    public async Task<ChangeDetail?> ChangeAsync(long seq, CancellationToken cancellationToken = default)
    {
        using var snapshot = Snapshot();
        return await ChangeDetails.FindAsync(snapshot.Connection, seq, cancellationToken);
    }

    public IReadOnlyList<ChainReport> VerifyChains()
    {
        // A key other than the chain's would report every record as broken; the snapshot says which key the store needs instead.
        using var snapshot = Snapshot(checkKey: true);
        var hasher = new Chain.ChainHasher(hmacKey);
        var tips = Tips(snapshot).ToDictionary(t => t.Chain);
        return [.. EvidenceChains.All.Where(table => tips.ContainsKey(table.Name))
            .Select(table => new ChainReport(table.Name, snapshot.Verify(table, hasher, null), tips[table.Name]))];
    }

    private static IReadOnlyList<ChainTip> Tips(PostgresChainSnapshot snapshot) =>
        ChainTips.Read(snapshot.Connection, EvidenceChains.All.Where(snapshot.Has));

    private static WeekCount CountWeek(PostgresChainSnapshot snapshot, ExportRequest week)
    {
        var (where, parameters) = PostgresExportSql.Filter(week);
        using var command = PostgresExportSql.Command(snapshot,
            "SELECT COUNT(*), COALESCE(SUM(c.ai_assisted), 0)::bigint, COUNT(*) FILTER (WHERE c.findings_json <> '[]') FROM changes c " + where,
            parameters);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new WeekCount(week.From, week.To, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Changes with each finding code (a change with two findings counts under both), codes in byte order.</summary>
    private static List<GapCount> FindingCounts(PostgresChainSnapshot snapshot, ExportRequest request)
    {
        var (where, parameters) = PostgresExportSql.Filter(request);
        using var command = PostgresExportSql.Command(snapshot,
            "SELECT (f.value ->> 'code') COLLATE \"C\" AS code, COUNT(DISTINCT c.seq) FROM changes c CROSS JOIN LATERAL jsonb_array_elements(c.findings_json::jsonb) f "
            + where + """ AND c.findings_json <> '[]' GROUP BY code ORDER BY code NULLS FIRST""", parameters);
        using var reader = command.ExecuteReader();
        var counts = new List<GapCount>();
        while (reader.Read())
        {
            counts.Add(new GapCount(reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt64(1)));
        }
        return counts;
    }

    /// <summary>The changes of the period that the export lists as approved exceptions (<see cref="OverviewReader.OverriddenChanges"/>).</summary>
    private static List<long> OverriddenChanges(PostgresChainSnapshot snapshot, ExportRequest period)
    {
        var (where, parameters) = PostgresExportSql.Filter(period);
        return OverviewReader.OverriddenChanges(new OverrideLookup(snapshot.Connection), (repository, number, headSha) =>
        {
            var command = PostgresExportSql.Command(snapshot,
                "SELECT c.seq, c.merged_at, d.conclusion FROM changes c LEFT JOIN decisions d ON d.seq = c.decision_seq "
                + where + " AND c.repository = @o_repository AND c.pull_request_number = @o_number AND c.head_sha = @o_head", parameters);
            command.Parameters.AddWithValue("o_repository", repository);
            command.Parameters.AddWithValue("o_number", number);
            command.Parameters.AddWithValue("o_head", headSha);
            return command;
        });
    }

    /// <summary>The dashboard's filters beyond period and repositories (<see cref="ChangeFilter"/>), on <c>changes c</c>.</summary>
    private static (string Sql, NpgsqlParameter[] Parameters) Narrow(ChangeFilter filter, HashSet<long> overridden)
    {
        var (sql, parameters) = PostgresFilterSql.Instance.Narrow(filter, overridden);
        return (sql, [.. parameters.Select(p => new NpgsqlParameter(p.Name, p.Value))]);
    }

    private sealed class PostgresFilterSql : ChangeFilterSql
    {
        public static PostgresFilterSql Instance { get; } = new();

        protected override string Mark => "@";

        protected override string HasFinding =>
            "EXISTS (SELECT 1 FROM jsonb_array_elements(c.findings_json::jsonb) f WHERE f.value ->> 'code' = @finding)";

        protected override string SeqIn(bool yes) => yes ? "c.seq = ANY(@overridden)" : "NOT (c.seq = ANY(@overridden))";

        protected override object Seqs(IEnumerable<long> seqs) => seqs.ToArray();
    }
}
