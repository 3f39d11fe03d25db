namespace Bot.Core.Model;

/// <summary>"<see cref="Login"/> is an active member of the team <c>@<see cref="Org"/>/<see cref="Team"/></c>", as GitHub's
/// team membership API answers it. Logins, orgs and team slugs compare case-insensitively on GitHub, so every part is kept
/// in lower case: build it with <see cref="Of"/>.</summary>
public sealed record TeamMembership
{
    private TeamMembership(string org, string team, string login) => (Org, Team, Login) = (org, team, login);

    public string Org { get; }

    public string Team { get; }

    public string Login { get; }

    public static TeamMembership Of(string org, string team, string login)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(login);
        return new TeamMembership(org.ToLowerInvariant(), team.ToLowerInvariant(), login.ToLowerInvariant());
    }

    public override string ToString() => $"{Login} in @{Org}/{Team}";
}
