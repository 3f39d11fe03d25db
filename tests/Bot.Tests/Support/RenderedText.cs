using System.Net;
using System.Text.RegularExpressions;

namespace Bot.Tests.Support;

/// <summary>What a reader sees of the bot's Markdown: backslash escapes, HTML entities and zero-width breaks removed,
/// so tests assert on visible text rather than on how it was escaped.</summary>
public static partial class RenderedText
{
    public static string Visible(string? markdown) =>
        WebUtility.HtmlDecode(Escape().Replace(markdown ?? "", "$1")).Replace("\u200b", "", StringComparison.Ordinal);

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Escape();
}
