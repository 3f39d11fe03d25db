namespace Bot.Core.Body;

/// <summary>A GitHub task-list item from the PR body. <see cref="Label"/> is the item's text as plain text.</summary>
public sealed record TaskItem(bool Checked, string Label);

/// <summary>Parses a PR body as Markdown (policy.md §2). CONTRACT STUB: replaced by the real parser.</summary>
public static class TaskListParser
{
    public static IReadOnlyList<TaskItem> Parse(string? body) => throw new NotImplementedException();

    /// <summary>policy.md §2: label text, whitespace collapsed and case ignored, starts with the configured text.</summary>
    public static bool LabelMatches(string label, string configured) => throw new NotImplementedException();
}
