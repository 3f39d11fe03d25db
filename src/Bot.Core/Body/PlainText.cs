using System.Text;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Body;

/// <summary>Flattens parsed inlines to the text a reader sees: emphasis, links and code spans become their text.</summary>
internal static class PlainText
{
    /// <summary>The text of <paramref name="root"/>'s inlines, <paramref name="skip"/> excluded, trimmed; a line break
    /// within them becomes <paramref name="lineBreak"/>.</summary>
    public static string Of(ContainerInline root, Inline? skip = null, string lineBreak = " ")
    {
        var sb = new StringBuilder();
        // Iterative so that deeply nested emphasis cannot exhaust the stack.
        var stack = new Stack<Inline>();
        PushChildren(stack, root);
        while (stack.Count > 0)
        {
            var inline = stack.Pop();
            if (ReferenceEquals(inline, skip))
                continue;
            switch (inline)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    sb.Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    sb.Append(entity.Transcoded.AsSpan());
                    break;
                case LineBreakInline:
                    sb.Append(lineBreak);
                    break;
                case ContainerInline container:
                    // Emphasis, links (their text) and images (their alt text).
                    PushChildren(stack, container);
                    break;
                // HtmlInline (comments, tags) is markup, not text a reader sees.
            }
        }
        return sb.ToString().Trim();
    }

    private static void PushChildren(Stack<Inline> stack, ContainerInline container)
    {
        for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
            stack.Push(child);
    }
}
