using System.Text;

namespace Bot.Core.Trailers;

/// <summary>
/// Reads commit trailers with git's semantics (policy.md §2): the result equals what
/// <c>git log --format='%(trailers:unfold,only)'</c> (git 2.39, no trailer config, comment char '#')
/// reports for the message as committed, so the bot sees what an auditor's grep of the history sees.
/// </summary>
public static class TrailerParser
{
    /// <summary>The trailers of a raw commit message (LF or CRLF), in order.</summary>
    public static IReadOnlyList<Trailer> Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string text = FromSubject(message);
        (int start, int end) = TrailerBlock.Locate(text);

        var trailers = new List<Trailer>();
        // A trailer's raw text is contiguous: its line and the continuation lines right after it.
        int keyStart = -1;
        int separator = 0;
        int valueEnd = 0;
        for (int bol = start; bol < end;)
        {
            int next = Math.Min(GitText.NextLine(text, bol), end);
            if (keyStart >= 0 && GitText.IsSpace(text[bol]))
            {
                valueEnd = next;
            }
            else
            {
                Flush();
                int offset = TrailerBlock.FindSeparator(text, bol);
                if (offset >= 1)
                {
                    keyStart = bol;
                    separator = bol + offset;
                    valueEnd = next;
                }
            }
            bol = next;
        }
        Flush();
        return trailers;

        void Flush()
        {
            if (keyStart >= 0)
            {
                string key = GitText.Trim(text.AsSpan(keyStart, separator - keyStart)).ToString();
                trailers.Add(new Trailer(key, Unfold(text.AsSpan(separator + 1, valueEnd - separator - 1))));
                keyStart = -1;
            }
        }
    }

    /// <summary>
    /// The lines <c>git log --format='%(trailers:unfold,only)'</c> prints: one <c>Key: value</c> per trailer,
    /// each ended by "\n"; empty for no trailers.
    /// </summary>
    public static string Format(IReadOnlyList<Trailer> trailers)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        var output = new StringBuilder();
        foreach (Trailer trailer in trailers)
        {
            output.Append(trailer.Key).Append(": ").Append(trailer.Value).Append('\n');
        }
        return output.ToString();
    }

    /// <summary>Values of the trailers whose key equals <paramref name="key"/> ignoring ASCII case, in order.</summary>
    public static IReadOnlyList<string> ValuesOf(IReadOnlyList<Trailer> trailers, string key)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return trailers.Where(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase))
                       .Select(t => t.Value)
                       .ToList();
    }

    /// <summary>
    /// What git's pretty.c hands to the trailer code: the message up to a NUL byte (git reads it as a C string),
    /// with leading whitespace-only lines skipped.
    /// </summary>
    private static string FromSubject(string message)
    {
        int nul = message.IndexOf('\0', StringComparison.Ordinal);
        int length = nul < 0 ? message.Length : nul;
        int start = 0;
        while (start < length)
        {
            int nl = message.IndexOf('\n', start, length - start);
            int next = nl < 0 ? length : nl + 1;
            if (!IsWhitespace(message.AsSpan(start, next - start)))
            {
                break;
            }
            start = next;
        }
        return message.Substring(start, length - start);
    }

    private static bool IsWhitespace(ReadOnlySpan<char> line)
    {
        foreach (char c in line)
        {
            if (!GitText.IsSpace(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>git's unfold_value: each newline and the whitespace after it become one space, then trim.</summary>
    private static string Unfold(ReadOnlySpan<char> raw)
    {
        ReadOnlySpan<char> rest = GitText.Trim(raw);
        int newline = rest.IndexOf('\n');
        if (newline < 0)
        {
            return rest.ToString();
        }
        var output = new StringBuilder(rest.Length);
        while (newline >= 0)
        {
            output.Append(rest[..newline]).Append(' ');
            int skip = newline + 1;
            while (skip < rest.Length && GitText.IsSpace(rest[skip]))
            {
                skip++;
            }
            rest = rest[skip..];
            newline = rest.IndexOf('\n');
        }
        // git trims again here; that is a no-op because the trimmed raw text starts and ends with non-whitespace.
        output.Append(rest);
        return output.ToString();
    }
}
