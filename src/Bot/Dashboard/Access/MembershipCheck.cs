using System.Collections.Concurrent;
using Bot.GitHub;
using Bot.GitHub.Rest;

namespace Bot.Dashboard.Access;

/// <summary>
/// Decides whether a GitHub user may use the dashboard: a login listed in <c>Dashboard:Allowed</c>, or an active member of
/// a listed team. Team membership is asked with the App's installation on the team's organisation (the App's own
/// credentials, organisation permission Members: read), so no user token is kept for the checks that follow sign-in.
/// </summary>
public sealed class MembershipCheck(AllowList allowList, GitHubApp github, TimeProvider clock, ILogger<MembershipCheck> log)
{
    // The installation of an organisation rarely changes; asking once every few minutes keeps a check to one call per team.
    private static readonly TimeSpan InstallationLifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (long? Id, DateTimeOffset Until)> _installations = new(StringComparer.OrdinalIgnoreCase);

    public async Task<AccessDecision> CheckAsync(string login, CancellationToken cancellationToken)
    {
        if (allowList.ListsLogin(login))
        {
            return new AccessDecision(true, login);
        }
        var unknown = false;
        foreach (var (org, team) in allowList.Teams)
        {
            try
            {
                if (await InstallationAsync(org, cancellationToken) is not { } installation)
                {
                    log.LogWarning("Dashboard:Allowed names @{Org}/{Team}, but the App is not installed on {Org}; its members cannot be recognised", org, team, org);
                    continue;
                }
                if (await github.ForInstallation(installation).IsTeamMemberAsync(org, team, login, cancellationToken))
                {
                    return new AccessDecision(true, $"@{org}/{team}");
                }
            }
            catch (GitHubApiException e)
            {
                // Not knowing is never a yes: the caller refuses access until GitHub answers.
                log.LogWarning("Could not ask GitHub whether {Login} is a member of @{Org}/{Team}: {Error}", login, org, team, e.Message);
                unknown = true;
            }
        }
        return unknown ? new AccessDecision(false, null, Unknown: true) : AccessDecision.Denied;
    }

    private async Task<long?> InstallationAsync(string org, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_installations.TryGetValue(org, out var known) && known.Until > now)
        {
            return known.Id;
        }
        var id = await github.FindOrganizationInstallationAsync(org, cancellationToken);
        _installations[org] = (id, now + InstallationLifetime);
        return id;
    }
}
