using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Storage;

namespace Bot.Evidence.Export;

/// <summary>
/// Builds the <see cref="ExportRow"/> of a change from the export query's values (the change joined with the decision it
/// refers to) as <see cref="ExportRowSource"/> copied them. A million rows are formatted per export, so the JSON columns are
/// parsed from their stored UTF-8, without a DOM.
/// </summary>
internal sealed class ExportRowReader(string webBaseUrl, IOverrideLookup? overrides)
{
    /// <summary>Columns read by <see cref="Read"/>, in ordinal order.</summary>
    public const string SelectList = """
        c.seq, c.hash, c.repository, c.base_ref, c.kind, c.change_id, c.pull_request_number, c.title, c.author, c.merged_by,
        c.merged_at, c.ai_assisted, c.ai_tools_json, c.decision_seq, c.findings_json, c.commit_shas_json, c.head_sha,
        d.conclusion, d.approvals_json, d.check_run_id
        """;

    private static readonly byte[] EmptyArray = "[]"u8.ToArray();

    private readonly string _web = webBaseUrl.TrimEnd('/');

    /// <summary>The findings of the change last <see cref="Read"/>, as stored (the completeness section lists them as gaps);
    /// null when it has none (<c>[]</c>).</summary>
    public IReadOnlyList<ChangeFinding>? Gap { get; private set; }

    public ExportRow Read(RecordBatch batch, int record)
    {
        var values = new Values(batch, record);
        var repository = values.GetString(2);
        var kind = values.GetString(4);
        var changeId = values.GetString(5);
        long? number = values.IsNull(6) ? null : values.GetInt64(6);
        var mergedAt = values.GetString(10);
        long? decisionSeq = values.IsNull(13) ? null : values.GetInt64(13);
        var stored = ReadFindings(values.Utf8(14));
        Gap = stored;
        List<string> findings = stored is null ? [] : [.. stored.Select(f => $"{f.Code}: {f.Detail}")];
        var commits = ReadStrings(values.Utf8(15));
        var headSha = values.IsNull(16) ? null : values.GetString(16);
        List<ExportApproval> approvals = values.IsNull(18) ? [] : ExportApprovalsJson.Qualifying(values.Utf8(18));
        long? checkRunId = values.IsNull(19) ? null : values.GetInt64(19);

        var decisionConclusion = values.IsNull(17) ? (number is null ? "n/a" : "none") : values.GetString(17);
        var overrideText = "";
        // An approved exception only when the decision in force at merge concluded success with it: an override that did
        // not cover a rule failing later on the same head (policy.md §7) left the check failing, and that is what merged.
        if (overrides is not null && number is { } n && headSha is not null && decisionConclusion == "success"
            && overrides.Find(repository, n, headSha, EvidenceTime.Parse(mergedAt)) is { } approved)
        {
            var at = EvidenceTime.ToText(approved.ApprovedAt);
            overrideText = $"@{approved.Approver} at {at}: {approved.Reason} (evidence seq {approved.EvidenceSeq})";
            findings.Add($"approved_override: @{approved.Approver} at {at}: {approved.Reason}");
        }

        return new ExportRow(
            repository,
            values.GetString(3),
            kind,
            changeId,
            values.GetString(7),
            values.GetString(8),
            mergedAt,
            values.IsNull(9) ? "" : values.GetString(9),
            values.GetInt64(11) != 0,
            ReadStrings(values.Utf8(12)),
            approvals,
            ApprovedBeforeMerge(number, decisionSeq, approvals, mergedAt),
            decisionConclusion,
            decisionSeq,
            findings,
            overrideText,
            values.GetInt64(0),
            values.GetString(1),
            number is { } pr ? GitHubLinks.PullRequest(_web, repository, pr)
                : commits.Count > 0 ? GitHubLinks.Commit(_web, repository, commits[^1]) : "",
            checkRunId is { } run ? GitHubLinks.CheckRun(_web, repository, run) : "",
            commits);
    }

    /// <summary>yes: at least one qualifying approval was submitted at or before the merge; no: none was;
    /// n/a: not a pull request. Times compare as instants.</summary>
    private static string ApprovedBeforeMerge(long? number, long? decisionSeq, List<ExportApproval> approvals, string mergedAt)
    {
        if (number is null)
        {
            return "n/a";
        }
        if (decisionSeq is null || approvals.Count == 0)
        {
            return "no";
        }
        var merged = DateTimeOffset.Parse(mergedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return approvals.Any(a => DateTimeOffset.TryParse(a.ApprovedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at <= merged)
            ? "yes" : "no";
    }

    private static IReadOnlyList<ChangeFinding>? ReadFindings(ReadOnlySpan<byte> json) =>
        json.SequenceEqual(EmptyArray) ? null : JsonSerializer.Deserialize(json, ChangeJsonContext.Default.IReadOnlyListChangeFinding) ?? [];

    private static IReadOnlyList<string> ReadStrings(ReadOnlySpan<byte> json) =>
        json.SequenceEqual(EmptyArray) ? [] : JsonSerializer.Deserialize(json, ChangeJsonContext.Default.IReadOnlyListString) ?? [];

    /// <summary>One row's values; text as SQLite stored it (UTF-8), decoded as <c>SqliteDataReader.GetString</c> decodes it.</summary>
    private readonly struct Values(RecordBatch batch, int record)
    {
        public bool IsNull(int column) => batch.IsNull(record, column);

        public long GetInt64(int column) => batch.Integer(record, column);

        public ReadOnlySpan<byte> Utf8(int column) => batch.Text(record, column);

        public string GetString(int column) => Encoding.UTF8.GetString(batch.Text(record, column));
    }
}
