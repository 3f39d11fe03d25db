namespace Bot.Core.Trailers;

/// <summary>
/// Character classes and line helpers as git's C code sees them. git's ctype is ASCII-only and
/// treats exactly space, tab, CR and LF as whitespace (no vertical tab, form feed or NBSP).
/// </summary>
internal static class GitText
{
    public const char CommentChar = '#';

    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    public static bool IsAlnum(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    /// <summary>Start of the line after the one at <paramref name="bol"/> (or the text's length).</summary>
    public static int NextLine(string text, int bol)
    {
        int nl = text.IndexOf('\n', bol);
        return nl < 0 ? text.Length : nl + 1;
    }

    /// <summary>git's trailer.c last_line: start of the last line of text[..len], -1 when len is 0.</summary>
    public static int LastLineStart(string text, int len)
    {
        if (len == 0)
        {
            return -1;
        }
        if (len == 1)
        {
            return 0;
        }
        // A newline as the final character belongs to the last line, so the search starts before it.
        int nl = text.LastIndexOf('\n', len - 2);
        return nl + 1;
    }

    /// <summary>True when the line at <paramref name="bol"/> holds only whitespace (up to its newline or the end).</summary>
    public static bool IsBlankLine(string text, int bol)
    {
        int i = bol;
        while (i < text.Length && text[i] != '\n' && IsSpace(text[i]))
        {
            i++;
        }
        return i == text.Length || text[i] == '\n';
    }

    /// <summary>git's strbuf_trim: strips git whitespace from both ends.</summary>
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> s)
    {
        int start = 0;
        int end = s.Length;
        while (start < end && IsSpace(s[start]))
        {
            start++;
        }
        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }
        return s[start..end];
    }
}
