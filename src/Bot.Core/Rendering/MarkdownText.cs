using System.Text;

namespace Bot.Core.Rendering;

/// <summary>Turns untrusted text (commit messages, the PR body, logins, tool names) into Markdown that GitHub
/// renders as exactly that text: no links, images, HTML, emphasis, headings, lists, tables, code, math,
/// mentions, issue references or autolinks, and always on one line.</summary>
public static class MarkdownText
{
    /// <summary>Breaks mentions, issue references and autolinks without changing what a reader sees.</summary>
    public const char ZeroWidthSpace = '\u200B';

    public const string Ellipsis = "…";

    // Characters that open or close Markdown syntax (emphasis, links, code, lists, headings, tables, block
    // quotes, GFM and common extension delimiters) wherever they stand; "<", ">", "&", "$", "@" and "#" are
    // handled separately in Escape. Other punctuation (",", ";", "/", quotes...) stays as it is, for readability.
    private const string MarkdownPunctuation = "\\`*_{}[]()#+-.!|~^=@";

    /// <summary>Escapes <paramref name="text"/> for use inline in a Markdown line.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                // HTML: encode, so neither a tag nor an entity reference survives.
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                // GitHub math treats a backslash-escaped dollar inconsistently; an entity is never a delimiter.
                case '$': sb.Append("&#36;"); break;
                case '@' or '#' when i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]):
                    // "@user" mentions, "#12" and "owner/repo#12" references.
                    sb.Append('\\').Append(c).Append(ZeroWidthSpace);
                    break;
                case ':' when At(text, i + 1, "//"):
                    // "https://…" autolinks.
                    sb.Append(':').Append(ZeroWidthSpace);
                    break;
                case 'w' or 'W' when IsWwwAutolink(text, i):
                    sb.Append(c).Append(ZeroWidthSpace);
                    break;
                case '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\t':
                    // One line only: a line break could end the bot's list item and start a block of the text's own.
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    sb.Append(sb.Length == 0 ? "&#32;" : " ");
                    break;
                case ' ' when sb.Length == 0:
                    // Leading spaces after a list marker would start an indented code block.
                    sb.Append("&#32;");
                    break;
                default:
                    if (MarkdownPunctuation.Contains(c))
                        sb.Append('\\').Append(c); // CommonMark: ASCII punctuation may be backslash-escaped
                    else if (char.IsControl(c) || IsBidiControl(c))
                        sb.Append('\uFFFD'); // control and direction-override characters could disguise the text
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Shortens raw text to at most <paramref name="maxLength"/> characters (ellipsis included),
    /// never splitting a surrogate pair. Truncate before escaping so no escape sequence is cut.</summary>
    public static string Truncate(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, Ellipsis.Length);
        if (string.IsNullOrEmpty(text))
            return "";
        if (text.Length <= maxLength)
            return text;
        var cut = maxLength - Ellipsis.Length;
        if (char.IsHighSurrogate(text[cut - 1]))
            cut--;
        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }

    /// <summary><see cref="Truncate"/> then <see cref="Escape"/>.</summary>
    public static string EscapeTruncated(string? text, int maxLength) => Escape(Truncate(text, maxLength));

    private static bool At(string text, int index, string expected) =>
        index + expected.Length <= text.Length &&
        string.CompareOrdinal(text, index, expected, 0, expected.Length) == 0;

    // GFM extended "www." autolink: starts at the beginning or after whitespace or one of * _ ~ (.
    private static bool IsWwwAutolink(string text, int i) =>
        i + 4 <= text.Length &&
        string.Compare(text, i, "www.", 0, 4, StringComparison.OrdinalIgnoreCase) == 0 &&
        (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]));

    private static bool IsBidiControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
