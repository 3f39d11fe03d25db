using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Bot.Core.Body;

/// <summary>
/// Markdig extension that keeps inline parsing to the paragraphs that can be task-list items, and to the first
/// <see cref="MaxItemSourceChars"/> characters of each.
/// </summary>
/// <remarks>
/// Markdig's inline parser is super-linear on some hostile input (a long run of <c>[a](</c> takes seconds for
/// 64 KiB, minutes for 1 MiB). Task labels are all the bot reads, and labels are compared by prefix with texts of a
/// few dozen characters, so skipping every other leaf block and capping each item bounds the work to
/// O(body length × cap) without changing any result a real template can produce.
/// </remarks>
internal sealed class TaskItemInlineFilter : IMarkdownExtension
{
    internal const int MaxItemSourceChars = 512;

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        foreach (var parser in pipeline.BlockParsers)
            parser.Closed += OnBlockClosed;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void OnBlockClosed(BlockProcessor processor, Block block)
    {
        if (block is not LeafBlock leaf || !leaf.ProcessInlines)
            return;
        if (leaf is ParagraphBlock { Parent: ListItemBlock item } paragraph && item.Count > 0 && ReferenceEquals(item[0], paragraph)
            && StartsWithTaskMarker(paragraph))
        {
            Truncate(paragraph);
            return;
        }
        leaf.ProcessInlines = false;
    }

    private static bool StartsWithTaskMarker(ParagraphBlock paragraph)
    {
        if (paragraph.Lines.Count == 0)
            return false;
        var text = paragraph.Lines.Lines[0].Slice.AsSpan().TrimStart(" \t");
        return text.Length >= 3 && text[0] == '[' && text[1] is ' ' or 'x' or 'X' && text[2] == ']'
               && (text.Length == 3 || text[3] is ' ' or '\t');
    }

    private static void Truncate(ParagraphBlock paragraph)
    {
        ref var lines = ref paragraph.Lines;
        var budget = MaxItemSourceChars;
        for (var i = 0; i < lines.Count; i++)
        {
            ref var slice = ref lines.Lines[i].Slice;
            if (slice.Length <= budget)
            {
                budget -= slice.Length;
                continue;
            }
            slice.End = slice.Start + budget - 1;
            while (lines.Count > i + 1)
                lines.RemoveAt(lines.Count - 1);
            return;
        }
    }
}
