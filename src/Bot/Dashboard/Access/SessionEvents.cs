using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Bot.Dashboard.Access;

/// <summary>
/// Every request that presents the sign-in cookie: once the last check is older than <c>Dashboard:RecheckMinutes</c> (at
/// most 15), access is decided again (the allow-list as configured now, team membership asked of GitHub anew). Someone
/// removed from the team gets the 403 page on their next request; when GitHub cannot answer, the session ends rather
/// than carry on unchecked.
/// </summary>
public sealed class SessionEvents(MembershipCheck membership, TimeProvider clock, IOptions<DashboardOptions> options, ILogger<SessionEvents> log)
    : CookieAuthenticationEvents
{
    public static TimeSpan RecheckInterval(DashboardOptions options) =>
        TimeSpan.FromMinutes(Math.Clamp(options.RecheckMinutes, 0, 15));

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var user = context.Principal;
        var login = user?.Identity?.Name;
        if (user is null || string.IsNullOrEmpty(login) || DashboardClaims.CheckedAtOf(user) is not { } checkedAt)
        {
            context.RejectPrincipal();
            return;
        }
        var now = clock.GetUtcNow();
        if (now - checkedAt < RecheckInterval(options.Value))
        {
            return;
        }

        var decision = await membership.CheckAsync(login, context.HttpContext.RequestAborted);
        if (decision.Unknown)
        {
            log.LogWarning("Dashboard session of {Login} ended: GitHub could not confirm their access", login);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardPaths.CookieScheme);
            return;
        }
        if (decision.Allowed != DashboardClaims.IsAllowed(user))
        {
            log.LogInformation("Dashboard access of {Login} is now {Outcome}", login, decision.Allowed ? "allowed via " + decision.Via : "refused");
        }
        context.ReplacePrincipal(new ClaimsPrincipal(DashboardClaims.Create(DashboardPaths.CookieScheme, login, DashboardClaims.GitHubIdOf(user), decision, now)));
        context.ShouldRenew = true;
    }
}
