using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Bot.GitHub.Rest;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;

namespace Bot.Dashboard.Access;

/// <summary>
/// The end of "Sign in with GitHub": GitHub's token for the user is used once, to ask who they are (<c>GET /user</c>), and
/// then dropped (it is not saved in the cookie). The cookie records the login and whether the dashboard is open to them;
/// a person GitHub could not vouch for (team membership unknown) gets no cookie at all.
/// </summary>
public sealed class GitHubSignInEvents(MembershipCheck membership, TimeProvider clock, ILogger<GitHubSignInEvents> log) : OAuthEvents
{
    public override async Task CreatingTicket(OAuthCreatingTicketContext context)
    {
        var cancellation = context.HttpContext.RequestAborted;
        using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.Add("X-GitHub-Api-Version", GitHubApiVersion);
        using var response = await context.Backchannel.SendAsync(request, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            throw new AuthenticationFailureException($"GitHub answered {(int)response.StatusCode} when asked who signed in (GET /user).");
        }
        using var user = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellation));
        var login = user.RootElement.TryGetProperty("login", out var l) ? l.GetString() : null;
        var id = user.RootElement.TryGetProperty("id", out var i) && i.TryGetInt64(out var number) ? number : 0;
        if (string.IsNullOrEmpty(login))
        {
            throw new AuthenticationFailureException("GitHub's answer to GET /user named no login.");
        }

        var decision = await membership.CheckAsync(login, cancellation);
        if (decision.Unknown)
        {
            throw new AuthenticationFailureException($"GitHub could not confirm whether {login} is in a team of Dashboard:Allowed.");
        }
        log.LogInformation("Dashboard sign-in by {Login}: {Outcome}", login, decision.Allowed ? "allowed via " + decision.Via : "refused");
        context.Principal = new ClaimsPrincipal(DashboardClaims.Create(DashboardPaths.CookieScheme, login, id, decision, clock.GetUtcNow()));
    }

    public override Task AccessDenied(AccessDeniedContext context)
    {
        // The person chose "Cancel" at GitHub: nothing failed, they simply are not signed in.
        context.Response.Redirect(DashboardPaths.SignIn + "?declined=true");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        // The user declined at GitHub, the state did not match (a replayed or forged callback), or GitHub did not answer.
        log.LogWarning("Dashboard sign-in with GitHub did not complete: {Reason}", context.Failure?.Message);
        context.Response.Redirect(DashboardPaths.SignIn + "?failed=true");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private const string GitHubApiVersion = "2022-11-28";
}
