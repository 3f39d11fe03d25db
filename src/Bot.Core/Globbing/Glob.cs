using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Core.Globbing;

/// <summary>How a glob treats <c>/</c>.</summary>
public enum GlobMode
{
    /// <summary>Paths and branch names: <c>*</c> and <c>?</c> stop at <c>/</c>, <c>**</c> crosses it.</summary>
    Path,

    /// <summary>Whole values such as tool names: <c>*</c> matches any run of characters, <c>/</c> and spaces included.</summary>
    Text,
}

/// <summary>A compiled, case-insensitive glob. Supports <c>*</c>, <c>**</c> (path mode), <c>?</c> and <c>[...]</c> classes.</summary>
public sealed class Glob
{
    private readonly Regex _regex;

    private Glob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    public bool IsMatch(string value) => _regex.IsMatch(value);

    public override string ToString() => Pattern;

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="GlobException"/> with the reason when it is malformed.</summary>
    public static Glob Parse(string pattern, GlobMode mode)
    {
        if (string.IsNullOrEmpty(pattern))
            throw new GlobException(pattern ?? "", "a glob may not be empty");

        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    var doubled = i + 1 < pattern.Length && pattern[i + 1] == '*';
                    if (mode == GlobMode.Text)
                    {
                        sb.Append(".*");
                        while (i + 1 < pattern.Length && pattern[i + 1] == '*') i++;
                    }
                    else if (doubled)
                    {
                        i++;
                        // "**/" matches zero or more whole directories; a bare "**" anything at all.
                        if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                        {
                            i++;
                            sb.Append("(?:.*/)?");
                        }
                        else
                        {
                            sb.Append(".*");
                        }
                    }
                    else
                    {
                        sb.Append("[^/]*");
                    }
                    break;
                case '?':
                    sb.Append(mode == GlobMode.Path ? "[^/]" : ".");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 2 <= pattern.Length ? i + 2 : i + 1);
                    if (close < 0)
                        throw new GlobException(pattern, $"'[' at position {i + 1} is never closed with ']'");
                    var body = pattern[(i + 1)..close];
                    var negate = body.StartsWith('!') || body.StartsWith('^');
                    if (negate) body = body[1..];
                    if (body.Length == 0)
                        throw new GlobException(pattern, $"empty character class at position {i + 1}");
                    sb.Append(negate ? "[^" : "[");
                    foreach (var ch in body)
                        sb.Append(ch is '\\' or ']' or '[' or '^' ? "\\" + ch : ch.ToString());
                    sb.Append(']');
                    i = close;
                    break;
                case ']':
                    throw new GlobException(pattern, $"']' at position {i + 1} has no opening '['");
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        sb.Append('$');
        try
        {
            var regex = new Regex(sb.ToString(),
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);
            return new Glob(pattern, regex);
        }
        catch (RegexParseException e)
        {
            // Everything but the body of a [...] class is escaped, so a class such as [z-a] is the only way here.
            throw new GlobException(pattern, $"a character class is invalid ({e.Error}), for example a range written backwards like [z-a]");
        }
        catch (NotSupportedException)
        {
            // The non-backtracking engine refuses patterns whose automaton would be too large.
            throw new GlobException(pattern, "it is too complex (too many wildcards)");
        }
    }
}

public sealed class GlobException(string pattern, string reason)
    : FormatException($"invalid glob '{pattern}': {reason}")
{
    public string GlobPattern { get; } = pattern;
    public string Reason { get; } = reason;
}
