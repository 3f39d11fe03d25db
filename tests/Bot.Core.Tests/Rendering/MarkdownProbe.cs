using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Tests.Rendering;

/// <summary>Parses Markdown with GitHub-like extensions (autolinks, tables, task lists, math, footnotes,
/// emphasis extras, attributes) to see what a piece of output would render as.</summary>
internal static class MarkdownProbe
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>The text of <paramref name="escaped"/> as the only content of a list item, or null when it renders
    /// as anything but plain text (a link, an image, HTML, emphasis, code, math, a nested block...).</summary>
    public static string? PlainTextOfListItem(string escaped)
    {
        var document = Parse("- " + escaped);
        if (document is not [ListBlock { Count: 1 } list] || list[0] is not ListItemBlock { Count: 1 } item ||
            item[0] is not ParagraphBlock { Inline: { } inline })
            return null;
        var text = new StringBuilder();
        foreach (var node in inline)
        {
            switch (node)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                default:
                    return null;
            }
        }
        return text.ToString().Replace("\u200B", "", StringComparison.Ordinal);
    }

    public static IEnumerable<Inline> AllInlines(MarkdownDocument document) =>
        document.Descendants<ParagraphBlock>().Where(p => p.Inline is not null).SelectMany(p => p.Inline!.Descendants<Inline>());

    /// <summary>The literal text inside a heading or an emphasis.</summary>
    public static string TextOf(ContainerInline? container) =>
        container is null ? "" : string.Concat(container.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
}
