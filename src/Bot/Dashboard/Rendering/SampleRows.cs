using System.Text.Json;

namespace Bot.Dashboard.Rendering;

/// <summary>A drawn change as the Sample page lists it: the export's own row, read back from its JSON.</summary>
public sealed record SampleRow(
    string Repository, string Kind, string ChangeId, string Title, string MergedAt, bool AiAssisted, string ApprovedBeforeMerge,
    string DecisionConclusion, IReadOnlyList<string> Findings, string Override, long EvidenceSeq);

/// <summary>Reads the rows of an export written as JSON (<c>cc8.1-export/1</c>): the Sample page shows exactly what the
/// download holds, because it is the same export.</summary>
public static class SampleRows
{
    public static IReadOnlyList<SampleRow> Read(byte[] exportJson)
    {
        using var document = JsonDocument.Parse(exportJson);
        return [.. document.RootElement.GetProperty("changes").EnumerateArray().Select(row => new SampleRow(
            row.GetProperty("repository").GetString() ?? "",
            row.GetProperty("kind").GetString() ?? "",
            row.GetProperty("change_id").GetString() ?? "",
            row.GetProperty("title").GetString() ?? "",
            row.GetProperty("merged_at").GetString() ?? "",
            row.GetProperty("ai_assisted").GetBoolean(),
            row.GetProperty("approved_before_merge").GetString() ?? "",
            row.GetProperty("decision_conclusion").GetString() ?? "",
            [.. row.GetProperty("findings").EnumerateArray().Select(f => f.GetString() ?? "")],
            row.GetProperty("override").GetString() ?? "",
            row.GetProperty("evidence_seq").GetInt64()))];
    }
}
