using System.Globalization;
using Bot.Core.Globbing;

namespace Bot.Core.Policy;

/// <summary>Typed reads of policy values; each failure is a <see cref="PolicyException"/> at the offending node.</summary>
/// <remarks><paramref name="path"/> arguments are the dotted key path (<c>review.required_approvals</c>) used in messages.</remarks>
internal static class PolicyValues
{
    // Limits far above any real policy. They bound the work a hostile policy can cause: every glob becomes a regex
    // whose build and first match grow steeply with its wildcards (a 128-star glob takes ~0.5 s to match once).
    internal const int MaxListEntries = 100;
    internal const int MaxGlobLength = 256;
    internal const int MaxGlobWildcards = 8;

    /// <summary>The entries of a section; a section given with no value (only comments below it) is empty.</summary>
    public static IEnumerable<KeyValuePair<YamlScalar, YamlNode>> Entries(YamlNode node, string path, IReadOnlyList<string> allowed)
    {
        if (node is YamlScalar { IsNull: true })
            return [];
        if (node is not YamlMapping mapping)
            throw Error(node, $"{path}: expected a mapping of keys, found {Describe(node)}");
        foreach (var (key, _) in mapping.Entries)
        {
            if (!allowed.Contains(key.Value))
            {
                var where = path.Length == 0 ? "at the top level" : $"in {path}";
                throw Error(key, $"unknown key '{key.Value}' {where}; allowed keys: {string.Join(", ", allowed)}");
            }
        }
        return mapping.Entries;
    }

    public static int NonNegativeInt(YamlNode node, string path)
    {
        var scalar = Scalar(node, path, "a whole number");
        if (!scalar.Plain || !IsIntegerText(scalar.Value))
            throw Error(node, $"{path}: expected a whole number, found {Describe(node)}");
        if (!int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Error(node, $"{path}: {scalar.Value} is out of range");
        if (value < 0)
            throw Error(node, $"{path}: must be 0 or more, found {value}");
        return value;
    }

    public static bool Bool(YamlNode node, string path)
    {
        var scalar = Scalar(node, path, "true or false");
        return scalar is { Plain: true, Value: "true" or "True" or "TRUE" } ? true
            : scalar is { Plain: true, Value: "false" or "False" or "FALSE" } ? false
            : throw Error(node, $"{path}: expected true or false, found {Describe(node)}");
    }

    /// <summary>A non-blank string. Plain scalars such as <c>no</c> or <c>1</c> are read as the text written.</summary>
    public static string Text(YamlNode node, string path)
    {
        var scalar = Scalar(node, path, "text");
        if (string.IsNullOrWhiteSpace(scalar.Value))
            throw Error(node, $"{path}: may not be empty");
        return scalar.Value;
    }

    /// <summary>One of <paramref name="choices"/>, written exactly.</summary>
    public static string Choice(YamlNode node, string path, params string[] choices)
    {
        var value = Scalar(node, path, string.Join(" or ", choices)).Value;
        return choices.Contains(value) ? value
            : throw Error(node, $"{path}: expected {string.Join(" or ", choices)}, found {Describe(node)}");
    }

    /// <summary>A list of non-blank strings; each entry equal to <c>default</c> is replaced by <paramref name="defaults"/>.</summary>
    public static IReadOnlyList<string> TextList(YamlNode node, string path, IReadOnlyList<string>? defaults = null)
    {
        if (node is YamlScalar { IsNull: true })
            throw Error(node, $"{path}: has no value; write [] for an empty list, or remove the key to use the default");
        if (node is not YamlSequence sequence)
            throw Error(node, $"{path}: expected a list, found {Describe(node)}");
        if (sequence.Items.Count > MaxListEntries)
            throw Error(sequence.Items[MaxListEntries], $"{path}: a list may hold at most {MaxListEntries} entries");
        var result = new List<string>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var text = Text(sequence.Items[i], $"{path}[{i}]");
            if (defaults is not null && text == "default")
                result.AddRange(defaults);
            else
                result.Add(text);
        }
        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A list of globs, each checked with <see cref="Glob.Parse"/>.</summary>
    public static IReadOnlyList<string> GlobList(YamlNode node, string path, GlobMode mode, IReadOnlyList<string>? defaults = null)
    {
        var globs = TextList(node, path, defaults);
        // Defaults are valid by construction, so only the entries as written need a position.
        if (node is YamlSequence sequence)
        {
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                var item = (YamlScalar)sequence.Items[i];
                if (defaults is not null && item.Value == "default")
                    continue;
                if (item.Value.Length > MaxGlobLength || CountWildcards(item.Value) > MaxGlobWildcards)
                {
                    throw Error(item, $"{path}[{i}]: a glob may be at most {MaxGlobLength} characters with at most "
                        + $"{MaxGlobWildcards} wildcards ('*', '**' and '?' each count once)");
                }
                try
                {
                    Glob.Parse(item.Value, mode);
                }
                catch (GlobException e)
                {
                    throw Error(item, $"{path}[{i}]: {e.Message}");
                }
            }
        }
        return globs;
    }

    public static PolicyException Error(YamlNode node, string reason) => new(reason, node.At.Line, node.At.Column);

    private static YamlScalar Scalar(YamlNode node, string path, string expected)
    {
        if (node is YamlScalar { IsNull: true })
            throw Error(node, $"{path}: has no value; give {expected}, or remove the key to use the default");
        return node as YamlScalar ?? throw Error(node, $"{path}: expected {expected}, found {Describe(node)}");
    }

    private static int CountWildcards(string glob)
    {
        var count = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '?' || (glob[i] == '*' && (i == 0 || glob[i - 1] != '*')))
                count++;
        }
        return count;
    }

    private static bool IsIntegerText(string text)
    {
        var digits = text.AsSpan().TrimStart("+-");
        return digits.Length > 0 && digits.Length >= text.Length - 1 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMapping => "a mapping",
        YamlSequence => "a list",
        YamlScalar { IsNull: true } => "no value",
        YamlScalar { Plain: true } s => $"'{Shorten(s.Value)}'",
        YamlScalar s => $"the quoted text \"{Shorten(s.Value)}\"",
        _ => "an unknown node",
    };

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
