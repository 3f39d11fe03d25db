namespace Bot.Dashboard.Access;

/// <summary><c>Dashboard:Allowed</c> read once: logins, and teams written <c>@org/team</c>.</summary>
public sealed class AllowList
{
    private readonly HashSet<string> _logins = new(StringComparer.OrdinalIgnoreCase);

    public AllowList(IEnumerable<string> entries)
    {
        var teams = new List<(string Org, string Team)>();
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (entry.StartsWith('@'))
            {
                if (entry[1..].Split('/') is not [{ Length: > 0 } org, { Length: > 0 } team])
                {
                    throw new ArgumentException($"Dashboard:Allowed entry '{entry}' is not @org/team.");
                }
                teams.Add((org, team));
            }
            else if (entry.Contains('/', StringComparison.Ordinal) || entry.Contains(' ', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Dashboard:Allowed entry '{entry}' is neither a GitHub login nor @org/team.");
            }
            else
            {
                _logins.Add(entry);
            }
        }
        Teams = teams;
    }

    public IReadOnlyList<(string Org, string Team)> Teams { get; }

    public bool ListsLogin(string login) => _logins.Contains(login);
}
