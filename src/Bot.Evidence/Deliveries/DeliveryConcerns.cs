using System.Text.Json;

namespace Bot.Evidence.Deliveries;

/// <summary>Whether a delivery concerns a change of the population (policy.md §5): a merged pull request or a push to a branch.
/// Read from the stored event, action and body alone (the export has no GitHub to ask), so it cannot know the policy's
/// branches: a push to any branch counts, and so does a <c>closed</c> or <c>push</c> delivery whose body cannot be read.
/// When in doubt a delivery is counted: one listed that was no change costs a retry, a change missing costs the audit.</summary>
public static class DeliveryConcerns
{
    /// <summary>The change the delivery reports, e.g. "merge of pull request #12 into main" or "push to main"; null when it
    /// reports none (reviews and other events, a pull request closed without merging, a tag).</summary>
    public static string? Change(string eventName, string? action, ReadOnlySpan<byte> body) => eventName switch
    {
        "pull_request" when action == "closed" => ClosedPullRequest(body),
        "push" => Push(body),
        _ => null,
    };

    private static string? ClosedPullRequest(ReadOnlySpan<byte> body)
    {
        const string unreadable = "a closed pull request whose body cannot be read (counted in doubt)";
        using var document = Parse(body);
        if (document is null || Find(document.RootElement, "pull_request", "merged") is not { ValueKind: JsonValueKind.True or JsonValueKind.False } merged)
            return unreadable;
        if (merged.ValueKind == JsonValueKind.False)
            return null;
        var number = Find(document.RootElement, "number") is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : "?";
        var baseRef = Find(document.RootElement, "pull_request", "base", "ref") is { ValueKind: JsonValueKind.String } b ? b.GetString() : "?";
        return $"merge of pull request #{number} into {baseRef}";
    }

    private static string? Push(ReadOnlySpan<byte> body)
    {
        const string heads = "refs/heads/";
        using var document = Parse(body);
        if (document is null || Find(document.RootElement, "ref") is not { ValueKind: JsonValueKind.String } reference)
            return "a push whose body cannot be read (counted in doubt)";
        var name = reference.GetString()!;
        if (!name.StartsWith(heads, StringComparison.Ordinal))
            return null; // tags are not production changes
        var deleted = Find(document.RootElement, "deleted") is { ValueKind: JsonValueKind.True };
        return $"{(deleted ? "deletion of branch" : "push to")} {name[heads.Length..]}";
    }

    private static JsonDocument? Parse(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Find(JsonElement element, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return null;
        }
        return element;
    }
}
