using System.Globalization;
using System.Text.Json;
using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Export;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Tests.Export;

/// <summary>
/// The export as it was before it was made fast (verify every chain first, then one <c>SqliteDataReader</c> row at a time,
/// approvals through <see cref="JsonDocument"/>, an SQL query per change for its override), kept as the oracle the fast
/// export must match byte for byte. Whole population only; samples are compared through the census, which is unchanged.
/// </summary>
internal static class PreviousExport
{
    public static byte[] Run(string dbPath, ExportRequest request)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        connection.Execute("BEGIN DEFERRED");
        var hasher = new ChainHasher(null);
        var chains = EvidenceChains.All.Select(t => (t.Name, ChainVerifier.Verify(connection, t, hasher, null))).ToList();
        var from = EvidenceTime.ToText(new DateTimeOffset(request.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var until = EvidenceTime.ToText(new DateTimeOffset(request.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        using var output = new MemoryStream();
        long population = 0, ai = 0;
        var gaps = new List<ExportGap>();
        using (var writer = IExportWriter.Create(request.Format, output))
        {
            writer.Begin(request, 0);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT " + ExportRowReader.SelectList + " FROM changes c INDEXED BY changes_by_key "
                    + "LEFT JOIN decisions d ON d.seq = c.decision_seq WHERE c.merged_at >= $from AND c.merged_at < $until "
                    + "ORDER BY c.repository, c.base_ref, c.change_id, c.kind";
                command.Parameters.AddWithValue("$from", from);
                command.Parameters.AddWithValue("$until", until);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    population++;
                    ai += reader.GetInt64(11) != 0 ? 1 : 0;
                    if (reader.GetString(14) != "[]")
                    {
                        var found = JsonSerializer.Deserialize(reader.GetString(14), ChangeJsonContext.Default.IReadOnlyListChangeFinding) ?? [];
                        gaps.Add(new ExportGap(reader.GetString(2), reader.GetString(5), string.Join(", ", found.Select(f => f.Code))));
                    }
                    writer.Write(Read(reader, connection, request.WebBaseUrl.TrimEnd('/')));
                }
            }
            writer.End(new ExportCompleteness(population, ai, population - ai, population, gaps, chains));
        }
        connection.Execute("COMMIT");
        return output.ToArray();
    }

    private static ExportRow Read(SqliteDataReader reader, SqliteConnection connection, string web)
    {
        var repository = reader.GetString(2);
        long? number = reader.IsDBNull(6) ? null : reader.GetInt64(6);
        var mergedAt = reader.GetString(10);
        long? decisionSeq = reader.IsDBNull(13) ? null : reader.GetInt64(13);
        List<string> findings = [.. (JsonSerializer.Deserialize(reader.GetString(14), ChangeJsonContext.Default.IReadOnlyListChangeFinding) ?? []).Select(f => $"{f.Code}: {f.Detail}")];
        var commits = Strings(reader.GetString(15));
        var headSha = reader.IsDBNull(16) ? null : reader.GetString(16);
        var approvals = reader.IsDBNull(18) ? [] : Qualifying(reader.GetString(18));
        long? checkRunId = reader.IsDBNull(19) ? null : reader.GetInt64(19);
        var overrideText = "";
        // An approved exception: the newest override record of the head by the time it merged (to the whole second, GitHub's
        // precision) is an override, and the decision in force at merge concluded success.
        if (number is { } n && headSha is not null && !reader.IsDBNull(17) && reader.GetString(17) == "success")
        {
            var row = connection.QuerySingleOrDefault<(long Seq, string Action, string Login, string Reason, string RecordedAt)>(
                "SELECT seq, action, approver_login, reason, recorded_at FROM overrides WHERE repository = @repository "
                + "AND pull_request_number = @n AND head_sha = @headSha AND substr(recorded_at, 1, 19) <= substr(@mergedAt, 1, 19) ORDER BY seq DESC LIMIT 1",
                new { repository, n, headSha, mergedAt });
            if (row.Action == "override")
            {
                var at = EvidenceTime.ToText(EvidenceTime.Parse(row.RecordedAt));
                overrideText = $"@{row.Login} at {at}: {row.Reason} (evidence seq {row.Seq})";
                findings = [.. findings, $"approved_override: @{row.Login} at {at}: {row.Reason}"];
            }
        }
        string approvedBeforeMerge;
        if (number is null)
        {
            approvedBeforeMerge = "n/a";
        }
        else if (decisionSeq is null)
        {
            approvedBeforeMerge = "no";
        }
        else
        {
            var merged = DateTimeOffset.Parse(mergedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            approvedBeforeMerge = approvals.Any(a => DateTimeOffset.TryParse(a.ApprovedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at <= merged)
                ? "yes" : "no";
        }
        return new ExportRow(repository, reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(7), reader.GetString(8),
            mergedAt, reader.IsDBNull(9) ? "" : reader.GetString(9), reader.GetInt64(11) != 0, Strings(reader.GetString(12)), approvals,
            approvedBeforeMerge, reader.IsDBNull(17) ? (number is null ? "n/a" : "none") : reader.GetString(17), decisionSeq, findings,
            overrideText, reader.GetInt64(0), reader.GetString(1),
            number is { } pr ? $"{web}/{repository}/pull/{pr.ToString(CultureInfo.InvariantCulture)}"
                : commits.Count > 0 ? $"{web}/{repository}/commit/{commits[^1]}" : "",
            checkRunId is { } run ? $"{web}/{repository}/runs/{run.ToString(CultureInfo.InvariantCulture)}" : "",
            commits);
    }

    /// <summary>The approvals as a <see cref="JsonDocument"/> reads them.</summary>
    public static List<ExportApproval> Qualifying(string approvalsJson)
    {
        var result = new List<ExportApproval>();
        using var document = JsonDocument.Parse(approvalsJson);
        foreach (var approval in document.RootElement.EnumerateArray())
        {
            if (approval.TryGetProperty("qualifies", out var qualifies) && qualifies.ValueKind == JsonValueKind.True)
            {
                var login = approval.TryGetProperty("login", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "(unknown)";
                var at = approval.TryGetProperty("submittedAt", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
                result.Add(new ExportApproval(login, at));
            }
        }
        return result;
    }

    private static IReadOnlyList<string> Strings(string json) =>
        json == "[]" ? [] : JsonSerializer.Deserialize(json, ChangeJsonContext.Default.IReadOnlyListString) ?? [];
}
