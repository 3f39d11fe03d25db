using System.Text;
using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;

namespace Bot.Core.Body;

/// <summary>A GitHub task-list item from the PR body. <see cref="Label"/> is the item's text as plain text.</summary>
public sealed record TaskItem(bool Checked, string Label);

/// <summary>Parses a PR body as Markdown (policy.md §2): the task-list items GitHub renders as checkboxes.</summary>
/// <remarks>
/// An item counts when GitHub would render it as a checkbox: the first paragraph of a list item (bulleted or
/// ordered, at any nesting depth, also inside a block quote) starts with <c>[ ]</c>, <c>[x]</c> or <c>[X]</c>
/// followed by whitespace or the end of the item. Code blocks and HTML blocks (which include
/// <c>&lt;!-- ... --&gt;</c> comments starting a line) are opaque, so items inside them do not count.
/// </remarks>
public static class TaskListParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseTaskLists()
        .Use<TaskItemInlineFilter>()
        .Build();

    /// <summary>The body's task-list items in document order; empty for a null or empty body.</summary>
    /// <exception cref="TaskListException">The body cannot be read as Markdown (nested too deeply).</exception>
    public static IReadOnlyList<TaskItem> Parse(string? body)
    {
        if (string.IsNullOrEmpty(body))
            return [];

        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(body, Pipeline);
        }
        catch (ArgumentException e)
        {
            // Markdig refuses input nested beyond its depth limit; no real PR template looks like that.
            throw new TaskListException($"the pull request body cannot be read as Markdown: {e.Message}", e);
        }

        var items = new List<TaskItem>();
        foreach (var listItem in ListItemsInOrder(document))
        {
            if (listItem.Count > 0 && listItem[0] is ParagraphBlock { Inline.FirstChild: TaskList box } paragraph
                && IsFollowedBySpaceOrEnd(box))
            {
                items.Add(new TaskItem(box.Checked, PlainText.Of(paragraph.Inline!, skip: box)));
            }
        }
        return items;
    }

    /// <summary>policy.md §2: label text, whitespace collapsed and case ignored, starts with the configured text.</summary>
    /// <remarks>A configured text that is empty or only whitespace matches nothing, so it can never tick a box by itself.</remarks>
    public static bool LabelMatches(string label, string configured)
    {
        var wanted = CollapseWhitespace(configured);
        return wanted.Length > 0 && CollapseWhitespace(label).StartsWith(wanted, StringComparison.OrdinalIgnoreCase);
    }

    internal static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
                sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    // GFM needs whitespace after the closing bracket ("[x]done" is text); Markdig does not check that.
    private static bool IsFollowedBySpaceOrEnd(TaskList box) => box.NextSibling switch
    {
        null => true,
        Markdig.Syntax.Inlines.LineBreakInline => true,
        Markdig.Syntax.Inlines.LiteralInline literal => literal.Content.IsEmpty || literal.Content.CurrentChar is ' ' or '\t',
        _ => false,
    };

    // Iterative walk: a hostile body may nest containers deeply, and recursion would risk the stack.
    private static IEnumerable<ListItemBlock> ListItemsInOrder(MarkdownDocument document)
    {
        var stack = new Stack<ContainerBlock>();
        stack.Push(document);
        while (stack.Count > 0)
        {
            var container = stack.Pop();
            if (container is ListItemBlock item)
                yield return item;
            for (var i = container.Count - 1; i >= 0; i--)
            {
                if (container[i] is ContainerBlock child)
                    stack.Push(child);
            }
        }
    }
}

/// <summary>A PR body that cannot be read as Markdown.</summary>
public sealed class TaskListException(string message, Exception inner) : FormatException(message, inner);
