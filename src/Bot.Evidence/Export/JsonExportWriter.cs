using System.Text.Json;

namespace Bot.Evidence.Export;

/// <summary>One JSON object: <c>format</c>, <c>period</c>, <c>sample</c>, <c>changes</c> (one object per row, keys as the
/// CSV columns, typed), then <c>completeness</c>. Written incrementally.</summary>
internal sealed class JsonExportWriter(Stream output) : IExportWriter
{
    private const int FlushBytes = 1 << 16;
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Indented = false });

    public void Begin(ExportRequest request, long population)
    {
        _json.WriteStartObject();
        _json.WriteString("format", "cc8.1-export/1");
        _json.WriteStartObject("period");
        _json.WriteString("from", request.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        _json.WriteString("to", request.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        _json.WriteEndObject();
        if (request.Sample is { } n)
        {
            _json.WriteStartObject("sample");
            _json.WriteNumber("size", n);
            _json.WriteString("seed", request.Seed);
            _json.WriteBoolean("stratify_ai", request.StratifyAi);
            _json.WriteNumber("population", population);
            _json.WriteEndObject();
        }
        else
        {
            _json.WriteNull("sample");
        }
        _json.WriteStartArray("changes");
    }

    public void Write(ExportRow row)
    {
        _json.WriteStartObject();
        _json.WriteString("repository", row.Repository);
        _json.WriteString("base_ref", row.BaseRef);
        _json.WriteString("kind", row.Kind);
        _json.WriteString("change_id", row.ChangeId);
        _json.WriteString("title", row.Title);
        _json.WriteString("author", row.Author);
        _json.WriteString("merged_at", row.MergedAt);
        _json.WriteString("merged_by", row.MergedBy);
        _json.WriteBoolean("ai_assisted", row.AiAssisted);
        WriteStrings("ai_tools", row.AiTools);
        _json.WriteStartArray("qualifying_approvers");
        foreach (var approval in row.QualifyingApprovals)
        {
            _json.WriteStartObject();
            _json.WriteString("login", approval.Login);
            _json.WriteString("approved_at", approval.ApprovedAt);
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        _json.WriteString("approved_before_merge", row.ApprovedBeforeMerge);
        _json.WriteString("decision_conclusion", row.DecisionConclusion);
        if (row.DecisionSeq is { } seq)
        {
            _json.WriteNumber("decision_seq", seq);
        }
        else
        {
            _json.WriteNull("decision_seq");
        }
        WriteStrings("findings", row.Findings);
        _json.WriteString("override", row.Override);
        _json.WriteNumber("evidence_seq", row.EvidenceSeq);
        _json.WriteString("evidence_hash", row.EvidenceHash);
        _json.WriteString("change_url", row.ChangeUrl);
        _json.WriteString("check_run_url", row.CheckRunUrl);
        WriteStrings("commit_shas", row.CommitShas);
        _json.WriteEndObject();
        if (_json.BytesPending > FlushBytes)
        {
            _json.Flush();
        }
    }

    public void End(ExportCompleteness completeness)
    {
        _json.WriteEndArray();
        _json.WriteStartObject("completeness");
        _json.WriteNumber("population", completeness.Population);
        _json.WriteNumber("ai_assisted", completeness.AiAssisted);
        _json.WriteNumber("not_ai_assisted", completeness.NotAiAssisted);
        _json.WriteNumber("exported_rows", completeness.Exported);
        _json.WriteStartArray("chains");
        foreach (var (chain, result) in completeness.Chains)
        {
            _json.WriteStartObject();
            _json.WriteString("chain", chain);
            _json.WriteBoolean("ok", result.Ok);
            _json.WriteNumber("records", result.Records);
            _json.WriteString("head", result.HeadHash);
            if (result.Break is { } b)
            {
                _json.WriteString("broken", $"seq {b.Seq}: {b.Field} expected {b.Expected}, found {b.Found}");
            }
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        _json.WriteStartArray("gaps");
        foreach (var gap in completeness.Gaps)
        {
            _json.WriteStartObject();
            _json.WriteString("repository", gap.Repository);
            _json.WriteString("change_id", gap.ChangeId);
            _json.WriteString("findings", gap.Findings);
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        WriteDeliveryGaps(completeness);
        WriteReconciliation(completeness);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
    }

    private void WriteDeliveryGaps(ExportCompleteness completeness)
    {
        _json.WriteStartArray("failed_deliveries");
        foreach (var d in completeness.FailedDeliveries)
        {
            _json.WriteStartObject();
            _json.WriteString("delivery_id", d.DeliveryId);
            _json.WriteString("event", d.Event);
            _json.WriteString("action", d.Action);
            _json.WriteString("repository", d.Repository);
            _json.WriteString("change", d.Change);
            _json.WriteString("received_at", d.ReceivedAt.UtcDateTime);
            _json.WriteNumber("attempts", d.Attempts);
            _json.WriteString("last_error", d.LastError);
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
        _json.WriteStartArray("deliveries_not_recoverable");
        foreach (var window in completeness.UnrecoverableDeliveries)
        {
            _json.WriteStartObject();
            _json.WriteString("missed_after", window.MissedAfter.UtcDateTime);
            _json.WriteString("missed_before", window.MissedBefore.UtcDateTime);
            _json.WriteString("detected_at", window.DetectedAt.UtcDateTime);
            _json.WriteBoolean("recovered", completeness.Recovered(window));
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
    }

    private void WriteReconciliation(ExportCompleteness completeness)
    {
        _json.WriteStartArray("reconciliation");
        foreach (var r in completeness.Reconciliation)
        {
            _json.WriteStartObject();
            _json.WriteString("repository", r.Repository);
            _json.WriteString("since", CompletenessText.Time(r.Since));
            _json.WriteString("through", CompletenessText.Time(r.Through));
            _json.WriteBoolean("covers_period", r.CoversPeriod);
            _json.WriteEndObject();
        }
        _json.WriteEndArray();
    }

    private void WriteStrings(string name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteStringValue(value);
        }
        _json.WriteEndArray();
    }

    public void Dispose() => _json.Dispose();
}
