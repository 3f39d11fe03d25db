using System.Text;
using Bot.Core.Body;
using Markdig;
using Markdig.Syntax;

namespace Bot.Core.Rendering;

/// <summary>The bot's Markdown (a check-run summary) as a person reads it on GitHub, for a terminal: headings, emphasis,
/// escapes and entities become the text they show (<c>claude\-code</c> is <c>claude-code</c>, <c>&amp;lt;</c> is
/// <c>&lt;</c>), lists keep their markers and indentation, and lines and blank lines stay where they were. Untrusted text
/// is safe to print: <see cref="MarkdownText.Escape"/> replaced its control and direction characters before it was
/// Markdown, and the zero-width breaks it added against mentions and autolinks are removed here.</summary>
public static class TerminalText
{
    public static string FromMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = new StringBuilder(markdown.Length);
        var lastLine = -1;
        WriteBlocks(Markdown.Parse(markdown), "", afterMarker: false, text, ref lastLine);
        return text.Replace(MarkdownText.ZeroWidthSpace.ToString(), "").ToString();
    }

    /// <param name="indent">Starts every line (the depth of the list the blocks are in).</param>
    /// <param name="afterMarker">A list marker was just written: the first block continues its line.</param>
    /// <param name="lastLine">The last source line written so far, to keep the source's blank lines.</param>
    private static void WriteBlocks(ContainerBlock blocks, string indent, bool afterMarker, StringBuilder text, ref int lastLine)
    {
        foreach (var block in blocks)
        {
            if (afterMarker && block is not LeafBlock)
                text.AppendLine();
            else if (!afterMarker && lastLine >= 0 && block.Line > lastLine + 1)
                text.AppendLine();
            switch (block)
            {
                case ListBlock list:
                    var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var marker = list.IsOrdered ? $"{number++}. " : "- ";
                        text.Append(indent).Append(marker);
                        WriteBlocks(item, indent + new string(' ', marker.Length), afterMarker: true, text, ref lastLine);
                    }
                    break;
                case ContainerBlock container:
                    WriteBlocks(container, indent, afterMarker: false, text, ref lastLine);
                    break;
                case LeafBlock leaf:
                    text.Append(afterMarker ? "" : indent).AppendLine(Text(leaf, indent));
                    break;
            }
            afterMarker = false;
            lastLine = Math.Max(lastLine, LastLine(block));
        }
    }

    private static string Text(LeafBlock leaf, string indent) => leaf switch
    {
        { Inline: { } inline } => PlainText.Of(inline, lineBreak: "\n" + indent),
        ThematicBreakBlock => "---",
        _ => leaf.Lines.ToString(),
    };

    private static int LastLine(Block block) => block switch
    {
        ContainerBlock { LastChild: { } last } => Math.Max(block.Line, LastLine(last)),
        LeafBlock leaf => leaf.Line + Math.Max(leaf.Lines.Count - 1, 0),
        _ => block.Line,
    };
}
