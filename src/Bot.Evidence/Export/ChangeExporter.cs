using System.Globalization;
using System.Text.Json;
using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Export;

/// <summary>
/// The CC8.1 export (docs/export.md): the change population of a period, or a seeded sample of it, with the
/// completeness section, for every provider. Everything is read in one snapshot of the store (<see cref="IExportSnapshot"/>,
/// the provider's SQL): the population is counted (and sampled) when a sample is asked for, then the rows are streamed in
/// population order while the chains are verified batch by batch in between where the provider can
/// (<see cref="InterleavedChainVerification"/>); the verdict goes into the completeness section at the end. This thread
/// only reads; rows are formatted and written on <see cref="BackgroundRowWriter"/>'s thread and records hashed on the
/// verifier's workers.
/// </summary>
internal static class ChangeExporter
{
    // Population order is the key (repository, base ref, change id, kind); this index gives it without a sort, so
    // memory stays flat however large the period.
    private const string From = " FROM changes c INDEXED BY changes_by_key ";
    private const string Order = " ORDER BY c.repository, c.base_ref, c.change_id, c.kind";

    /// <summary>The export of the SQLite file at <paramref name="dbPath"/>.</summary>
    public static ExportCompleteness Export(string dbPath, byte[]? hmacKey, ExportRequest request, Stream output)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        using var snapshot = SqliteExportSnapshot.Open(dbPath, hmacKey);
        return Export(snapshot, hmacKey, request, output);
    }

    /// <summary>Exports <paramref name="request"/> from <paramref name="snapshot"/> (validated by the caller, before the
    /// snapshot is opened, so bad input never touches the store).</summary>
    public static ExportCompleteness Export(IExportSnapshot snapshot, byte[]? hmacKey, ExportRequest request, Stream output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var overrides = snapshot.Overrides();
        // Only the completeness section, written last, needs the chains' verdict.
        using var verification = snapshot.VerifyChains(new ChainHasher(hmacKey));
        // Only a sample needs the population counted before the rows; the whole population is counted as it streams.
        var census = request.Sample is null ? null : Census(snapshot.Census(request));
        var selected = census is null ? null : Select(census, request.Sample!.Value, request.Seed!, request.StratifyAi);

        using var writer = IExportWriter.Create(request.Format, output);
        writer.Begin(request, census?.Population ?? 0);
        var streamed = new CensusBuilder(keepMembers: false);
        var rows = new ExportRowReader(request.WebBaseUrl, overrides);
        long exported = 0;
        using (var source = snapshot.Rows(request))
        using (var rowWriter = new BackgroundRowWriter(source.Columns, (batch, record) =>
            {
                var row = rows.Read(batch, record);
                if (selected is null)
                {
                    streamed.Add(row.EvidenceSeq, row.AiAssisted, row.Repository, row.ChangeId, rows.Gap);
                }
                writer.Write(row);
                exported++;
            }))
        {
            // This thread reads: a batch of rows for the writing thread, then a batch of records for the hashing
            // workers, and so on; formatting, hashing and reading share the cores.
            bool more;
            do
            {
                var batch = rowWriter.Rent();
                more = source.Fill(batch, selected);
                rowWriter.Submit(batch);
                verification.Step();
            }
            while (more && !rowWriter.Failed);
            rowWriter.Complete();
        }
        var counted = census ?? streamed.Build();
        var completeness = snapshot.Complete(new ExportCompleteness(counted.Population, counted.AiAssisted,
            counted.Population - counted.AiAssisted, exported, counted.Gaps, verification.Finish()), request);
        writer.End(completeness);
        return completeness;
    }

    /// <summary>The census query of the SQLite file: <see cref="ExportRowReader.SelectList"/>'s population order.</summary>
    internal static string SqliteCensusSql(string where) =>
        "SELECT c.seq, c.ai_assisted, c.repository, c.change_id, c.findings_json" + From + where + Order;

    /// <summary>The export query of the SQLite file.</summary>
    internal static string SqliteRowsSql(string where) =>
        "SELECT " + ExportRowReader.SelectList + From + "LEFT JOIN decisions d ON d.seq = c.decision_seq " + where + Order;

    private sealed record PopulationCensus(long Population, long AiAssisted, List<ExportGap> Gaps, List<(long Seq, bool Ai)> Members);

    /// <summary>Counts the population, lists its gaps (changes with findings) and, for sampling, keeps its members in order.</summary>
    private sealed class CensusBuilder(bool keepMembers)
    {
        private readonly List<ExportGap> _gaps = [];
        private readonly List<(long, bool)> _members = [];
        private long _population;
        private long _ai;

        /// <param name="gap">The change's findings; null when it has none.</param>
        public void Add(long seq, bool ai, string repository, string changeId, IReadOnlyList<ChangeFinding>? gap)
        {
            _population++;
            if (ai)
            {
                _ai++;
            }
            if (keepMembers)
            {
                _members.Add((seq, ai));
            }
            if (gap is not null)
            {
                _gaps.Add(new ExportGap(repository, changeId, string.Join(", ", gap.Select(f => f.Code))));
            }
        }

        public PopulationCensus Build() => new(_population, _ai, _gaps, _members);
    }

    private static PopulationCensus Census(IEnumerable<CensusEntry> population)
    {
        var census = new CensusBuilder(keepMembers: true);
        foreach (var entry in population)
        {
            census.Add(entry.Seq, entry.AiAssisted, entry.Repository, entry.ChangeId, entry.FindingsJson == "[]" ? null
                : JsonSerializer.Deserialize(entry.FindingsJson, ChangeJsonContext.Default.IReadOnlyListChangeFinding) ?? []);
        }
        return census.Build();
    }

    /// <summary>The seqs of the sample. Stratified: AI-assisted and other changes are drawn separately (seeds
    /// <c>S/ai</c> and <c>S/other</c>), round(N·ai/population) from the AI-assisted ones and the rest from the others.</summary>
    private static HashSet<long> Select(PopulationCensus census, int size, string seed, bool stratifyAi)
    {
        if (!stratifyAi)
        {
            return [.. SampleDrawer.Draw(census.Members.Count, size, seed).Select(i => census.Members[i].Seq)];
        }
        var ai = census.Members.Where(m => m.Ai).Select(m => m.Seq).ToList();
        var other = census.Members.Where(m => !m.Ai).Select(m => m.Seq).ToList();
        var aiShare = census.Population == 0 ? 0 : (int)Math.Floor((double)size * ai.Count / census.Population + 0.5);
        var selected = new HashSet<long>(SampleDrawer.Draw(ai.Count, aiShare, seed + "/ai").Select(i => ai[i]));
        selected.UnionWith(SampleDrawer.Draw(other.Count, size - aiShare, seed + "/other").Select(i => other[i]));
        return selected;
    }

    /// <summary>The period (merged_at, UTC days) and repositories of a request as a WHERE clause on <c>changes c</c>.</summary>
    internal static (string Where, SqliteParameter[] Parameters) Filter(ExportRequest request)
    {
        var parameters = new List<SqliteParameter>
        {
            new("$from", EvidenceTime.ToText(new DateTimeOffset(request.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))),
            new("$until", EvidenceTime.ToText(new DateTimeOffset(request.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))),
        };
        var where = "WHERE c.merged_at >= $from AND c.merged_at < $until";
        if (request.Repositories.Count > 0)
        {
            var names = request.Repositories.Select((r, i) => ("$repo" + i.ToString(CultureInfo.InvariantCulture), r)).ToList();
            parameters.AddRange(names.Select(n => new SqliteParameter(n.Item1, n.r)));
            where += " AND c.repository IN (" + string.Join(", ", names.Select(n => n.Item1)) + ")";
        }
        return (where, [.. parameters]);
    }

    internal static SqliteConnection OpenForExport(SqliteDatabase database)
    {
        var connection = database.Open();
        try
        {
            var version = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") == 1
                ? Migrator.CurrentVersion(connection, null) : 0;
            if (version < 2)
            {
                throw new EvidenceSchemaException(
                    $"{database.Path} has no change population yet (schema version {version}); start `bot serve` (or `bot scan`) once to upgrade it.");
            }
            if (version > Migrator.LatestVersion)
            {
                throw new EvidenceSchemaException($"{database.Path} has schema version {version}, newer than this bot knows ({Migrator.LatestVersion}).");
            }
            connection.Execute("PRAGMA mmap_size = 17179869184; PRAGMA cache_size = -65536;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
