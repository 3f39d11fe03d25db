using Bot.Evidence.Storage;
using System.Globalization;
using System.Text.Json;
using Bot.Evidence.Changes;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Export;

/// <summary>Builds <see cref="ExportRow"/>s from the export query (a change joined with the decision it refers to).</summary>
internal sealed class ExportRowReader(string webBaseUrl, IOverrideLookup? overrides)
{
    /// <summary>Columns read by <see cref="Read"/>, in ordinal order.</summary>
    public const string SelectList = """
        c.seq, c.hash, c.repository, c.base_ref, c.kind, c.change_id, c.pull_request_number, c.title, c.author, c.merged_by,
        c.merged_at, c.ai_assisted, c.ai_tools_json, c.decision_seq, c.findings_json, c.commit_shas_json, c.head_sha,
        d.conclusion, d.approvals_json, d.check_run_id
        """;

    private readonly string _web = webBaseUrl.TrimEnd('/');

    public ExportRow Read(SqliteDataReader reader)
    {
        var repository = reader.GetString(2);
        var kind = reader.GetString(4);
        var changeId = reader.GetString(5);
        long? number = reader.IsDBNull(6) ? null : reader.GetInt64(6);
        var mergedAt = reader.GetString(10);
        long? decisionSeq = reader.IsDBNull(13) ? null : reader.GetInt64(13);
        var findings = ReadFindings(reader.GetString(14));
        var commits = ReadStrings(reader.GetString(15));
        var headSha = reader.IsDBNull(16) ? null : reader.GetString(16);
        var approvals = reader.IsDBNull(18) ? [] : QualifyingApprovals(reader.GetString(18));
        long? checkRunId = reader.IsDBNull(19) ? null : reader.GetInt64(19);

        var overrideText = "";
        if (overrides is not null && number is { } n && headSha is not null && overrides.Find(repository, n, headSha) is { } approved)
        {
            var at = EvidenceTime.ToText(approved.ApprovedAt);
            overrideText = $"@{approved.Approver} at {at}: {approved.Reason} (evidence seq {approved.EvidenceSeq})";
            findings = [.. findings, $"approved_override: @{approved.Approver} at {at}: {approved.Reason}"];
        }

        return new ExportRow(
            repository,
            reader.GetString(3),
            kind,
            changeId,
            reader.GetString(7),
            reader.GetString(8),
            mergedAt,
            reader.IsDBNull(9) ? "" : reader.GetString(9),
            reader.GetInt64(11) != 0,
            ReadStrings(reader.GetString(12)),
            approvals,
            ApprovedBeforeMerge(number, decisionSeq, approvals, mergedAt),
            reader.IsDBNull(17) ? (number is null ? "n/a" : "none") : reader.GetString(17),
            decisionSeq,
            findings,
            overrideText,
            reader.GetInt64(0),
            reader.GetString(1),
            number is { } pr ? $"{_web}/{repository}/pull/{pr.ToString(CultureInfo.InvariantCulture)}"
                : commits.Count > 0 ? $"{_web}/{repository}/commit/{commits[^1]}" : "",
            checkRunId is { } run ? $"{_web}/{repository}/runs/{run.ToString(CultureInfo.InvariantCulture)}" : "",
            commits);
    }

    /// <summary>yes: at least one qualifying approval was submitted at or before the merge; no: none was;
    /// n/a: not a pull request. Times compare as instants.</summary>
    private static string ApprovedBeforeMerge(long? number, long? decisionSeq, IReadOnlyList<ExportApproval> approvals, string mergedAt)
    {
        if (number is null)
        {
            return "n/a";
        }
        if (decisionSeq is null)
        {
            return "no";
        }
        var merged = DateTimeOffset.Parse(mergedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return approvals.Any(a => DateTimeOffset.TryParse(a.ApprovedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at <= merged)
            ? "yes" : "no";
    }

    private static List<ExportApproval> QualifyingApprovals(string approvalsJson)
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

    private static List<string> ReadFindings(string json)
    {
        var findings = JsonSerializer.Deserialize(json, ChangeJsonContext.Default.IReadOnlyListChangeFinding) ?? [];
        return [.. findings.Select(f => $"{f.Code}: {f.Detail}")];
    }

    private static IReadOnlyList<string> ReadStrings(string json) =>
        json == "[]" ? [] : JsonSerializer.Deserialize(json, ChangeJsonContext.Default.IReadOnlyListString) ?? [];
}
