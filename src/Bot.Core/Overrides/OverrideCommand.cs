namespace Bot.Core.Overrides;

public enum OverrideVerb { None, Override, Revoke }

/// <summary>A pull-request comment read as an <c>/ai-compliance</c> command (policy.md §7). Only the comment's first line
/// counts; <see cref="Reason"/> is the rest of that line, trimmed.</summary>
public sealed record OverrideCommand(OverrideVerb Verb, string Reason)
{
    public const string Prefix = "/ai-compliance";
    public const int MinimumReasonLength = 10;

    public static OverrideCommand Parse(string? comment)
    {
        if (string.IsNullOrEmpty(comment)) return new(OverrideVerb.None, "");
        var end = comment.IndexOfAny(['\r', '\n']);
        var line = (end < 0 ? comment : comment[..end]).Trim();
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return new(OverrideVerb.None, "");
        var rest = line[Prefix.Length..];
        if (rest.Length > 0 && !char.IsWhiteSpace(rest[0])) return new(OverrideVerb.None, "");
        rest = rest.Trim();
        var space = rest.IndexOfAny([' ', '\t']);
        var verb = space < 0 ? rest : rest[..space];
        var reason = space < 0 ? "" : rest[(space + 1)..].Trim();
        return verb switch
        {
            "override" => new(OverrideVerb.Override, reason),
            "revoke" => new(OverrideVerb.Revoke, reason),
            _ => new(OverrideVerb.None, ""),
        };
    }
}
