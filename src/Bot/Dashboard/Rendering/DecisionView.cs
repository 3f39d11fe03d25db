using System.Text.Json;

namespace Bot.Dashboard.Rendering;

/// <summary>One rule of an evaluation as the change page shows it.</summary>
public sealed record RuleView(string Id, string Outcome, string Message, IReadOnlyList<string> Details);

/// <summary>One reviewer's decisive review and whether (and why) it counted as an approval.</summary>
public sealed record ApprovalView(string Reviewer, string State, string SubmittedAt, string CommitId, bool Qualifies, string Reason);

/// <summary>
/// Reads the rules and approvals of a decision record from its stored JSON (the canonical decision's <c>rules</c> and
/// <c>approvals</c>, policy.md §5). Read leniently: a record from an older version that lacks a field shows it empty
/// rather than failing the page, since evidence must stay readable whatever wrote it.
/// </summary>
public static class DecisionView
{
    public static IReadOnlyList<RuleView> Rules(string json) => Read(json, rule => new RuleView(
        Text(rule, "id"),
        Text(rule, "outcome", "result"),
        Text(rule, "message"),
        rule.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
            ? [.. details.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.String ? d.GetString() ?? "" : d.GetRawText())]
            : []));

    public static IReadOnlyList<ApprovalView> Approvals(string json) => Read(json, approval => new ApprovalView(
        Text(approval, "login") is { Length: > 0 } login ? login : "(deleted account)",
        Text(approval, "state"),
        Text(approval, "submittedAt"),
        Text(approval, "commitId"),
        approval.TryGetProperty("qualifies", out var qualifies) && qualifies.ValueKind == JsonValueKind.True,
        Text(approval, "reason", "why")));

    private static List<T> Read<T>(string json, Func<JsonElement, T> map)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(map)]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The first of <paramref name="names"/> present, as text; "" when none is.</summary>
    private static string Text(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
            }
        }
        return "";
    }
}
