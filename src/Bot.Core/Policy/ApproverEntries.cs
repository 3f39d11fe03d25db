namespace Bot.Core.Policy;

/// <summary>Reads lists of approvers as the policy writes them (<c>overrides.approvers</c>, <c>review.sensitive_approvers</c>):
/// GitHub logins, and org teams written <c>@org/team</c>. The loader has checked every entry's syntax.</summary>
public static class ApproverEntries
{
    /// <summary>The teams listed, as (org, team slug).</summary>
    public static IEnumerable<(string Org, string Team)> Teams(IEnumerable<string> entries) =>
        entries
            .Where(a => a.StartsWith('@') && a.Contains('/', StringComparison.Ordinal))
            .Select(a => a[1..].Split('/', 2))
            .Select(parts => (parts[0], parts[1]));

    /// <summary>Whether <paramref name="login"/> is listed by name (GitHub logins compare case-insensitively).</summary>
    public static bool ListsLogin(IEnumerable<string> entries, string? login) =>
        login is not null && entries.Any(a => !a.StartsWith('@') && string.Equals(a, login, StringComparison.OrdinalIgnoreCase));
}
