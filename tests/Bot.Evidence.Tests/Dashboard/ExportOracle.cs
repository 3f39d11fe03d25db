using System.Text.Json;
using Bot.Evidence.Export;

namespace Bot.Evidence.Tests.Dashboard;

/// <summary>What <c>bot export</c> says about a request, read back from its JSON: the dashboard's figures and tables must
/// agree with it, since the auditor receives the export.</summary>
internal sealed record ExportOracle(
    long Population, long AiAssisted, IReadOnlyList<(string Repository, string ChangeId, string[] Codes)> Gaps, IReadOnlyList<ExportOracle.Row> Rows, bool ChainsOk)
{
    public sealed record Row(long Seq, string Repository, bool AiAssisted, string[] FindingCodes, bool Overridden);

    public static ExportOracle Of(string dbPath, ExportRequest request, byte[]? key = null)
    {
        using var json = new MemoryStream();
        ChangeExporter.Export(dbPath, key, request with { Format = ExportFormat.Json }, json);
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var completeness = root.GetProperty("completeness");
        return new ExportOracle(
            completeness.GetProperty("population").GetInt64(),
            completeness.GetProperty("ai_assisted").GetInt64(),
            [.. completeness.GetProperty("gaps").EnumerateArray().Select(g => (
                g.GetProperty("repository").GetString()!, g.GetProperty("change_id").GetString()!,
                g.GetProperty("findings").GetString()!.Split(", ")))],
            [.. root.GetProperty("changes").EnumerateArray().Select(r => new Row(
                r.GetProperty("evidence_seq").GetInt64(),
                r.GetProperty("repository").GetString()!,
                r.GetProperty("ai_assisted").GetBoolean(),
                // "code: detail"; the override's own line is the override column's business, not a finding of the change.
                [.. r.GetProperty("findings").EnumerateArray().Select(f => f.GetString()!.Split(':')[0]).Where(c => c != "approved_override")],
                r.GetProperty("override").GetString()!.Length > 0))],
            completeness.GetProperty("chains").EnumerateArray().All(c => c.GetProperty("ok").GetBoolean()));
    }
}
