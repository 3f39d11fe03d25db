namespace Bot.Core.Evaluation;

/// <summary>A quick necessary condition for a glob match: the value starts with the glob's literal text before its
/// first wildcard and ends with the literal text after its last one. Checking it first spares the regex for most
/// paths (a 300-file change against nine agent-path globs). It must never reject a value the glob's regex accepts,
/// so it is deliberately loose wherever the regex's case-insensitive matching is wider than ASCII.</summary>
internal readonly struct GlobBounds
{
    private readonly string _prefix;
    private readonly string _suffix;

    private GlobBounds(string prefix, string suffix)
    {
        _prefix = prefix;
        _suffix = suffix;
    }

    public static GlobBounds Of(string pattern)
    {
        var start = 0;
        while (start < pattern.Length && pattern[start] is not ('*' or '?' or '['))
            start++;
        var end = pattern.Length;
        while (end > 0 && pattern[end - 1] is not ('*' or '?' or ']'))
            end--;
        var suffix = pattern[end..];
        // "**/x" also matches "x": the slash after "**" is optional.
        if (end > 0 && pattern[end - 1] == '*' && suffix.StartsWith('/'))
            suffix = suffix[1..];
        return new GlobBounds(pattern[..start], suffix);
    }

    public bool MayMatch(string value)
    {
        // The regex's "$" also matches before a final newline; leave such values to the regex.
        if (value.EndsWith('\n'))
            return true;
        if (value.Length < _prefix.Length || value.Length < _suffix.Length)
            return false;
        for (var i = 0; i < _prefix.Length; i++)
        {
            if (!SameChar(_prefix[i], value[i]))
                return false;
        }
        var offset = value.Length - _suffix.Length;
        for (var i = 0; i < _suffix.Length; i++)
        {
            if (!SameChar(_suffix[i], value[offset + i]))
                return false;
        }
        return true;
    }

    // The glob's regex ignores case with invariant culture. For ASCII pattern characters it matches exactly the
    // characters with the same invariant upper case, except that K and k also match the Kelvin sign; any other
    // pattern character is not checked here.
    private static bool SameChar(char pattern, char value) =>
        !char.IsAscii(pattern) || pattern is 'k' or 'K' ||
        char.ToUpperInvariant(pattern) == char.ToUpperInvariant(value);
}
