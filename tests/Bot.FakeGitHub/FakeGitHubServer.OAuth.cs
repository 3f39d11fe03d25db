using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Bot.FakeGitHub;

/// <summary>
/// "Sign in with GitHub" as a GitHub App's user authorization works (the web flow): the authorize page on the web base URL
/// (here the fake's own address) sends the browser back to the redirect URI with a one-time code, the token endpoint trades
/// it (with the client secret, and the PKCE verifier when a challenge was sent) for a user token, and <c>GET /user</c>
/// answers who holds that token. GitHub's login and consent screens are skipped: the test chooses who signs in.
/// Also <c>GET /orgs/{org}/installation</c> (App JWT), which the dashboard asks before it checks a team.
/// </summary>
public sealed partial class FakeGitHubServer
{
    public const string OAuthClientId = "Iv1.fake0dashboard";
    public const string OAuthClientSecret = "fake-client-secret-0123456789abcdef";

    private readonly Dictionary<string, PendingCode> _oauthCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeUser> _userTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _orgInstallations = new(StringComparer.OrdinalIgnoreCase);
    private FakeUser? _signInAs;

    /// <summary>The account the next visit to the authorize page signs in as; null: the visitor declines (error=access_denied).</summary>
    public void SignInAs(FakeUser? user)
    {
        lock (_gate)
        {
            _signInAs = user;
        }
    }

    /// <summary>Installs the App on an organisation (answers <c>GET /orgs/{org}/installation</c>).</summary>
    public void InstallOnOrganization(string org, long installationId = DefaultInstallationId)
    {
        lock (_gate)
        {
            AddInstallation(installationId);
            _orgInstallations[org] = installationId;
        }
    }

    public void RemoveTeamMember(string org, string teamSlug, string login)
    {
        lock (_gate)
        {
            _teamMembers.Remove((org.ToLowerInvariant(), teamSlug.ToLowerInvariant(), login.ToLowerInvariant()));
        }
    }

    /// <summary>Every user token the token endpoint has issued (a test checks none of them shows up where it must not).</summary>
    public IReadOnlyList<string> IssuedUserTokens
    {
        get
        {
            lock (_gate)
            {
                return [.. _userTokens.Keys];
            }
        }
    }

    private async Task OAuthAuthorize(HttpContext context)
    {
        var clientId = FakeHttp.Query(context, "client_id");
        var redirect = FakeHttp.Query(context, "redirect_uri");
        var state = FakeHttp.Query(context, "state");
        if (clientId != OAuthClientId || redirect is null || !Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            throw new FakeHttpError(404, "Not Found: unknown client_id or no redirect_uri");
        }
        FakeUser? user;
        lock (_gate)
        {
            user = _signInAs;
        }
        var answer = new Dictionary<string, string?> { ["state"] = state };
        if (user is null)
        {
            answer["error"] = "access_denied";
            answer["error_description"] = "The user has denied your application access.";
        }
        else
        {
            var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
            lock (_gate)
            {
                _oauthCodes[code] = new PendingCode(user, redirect, FakeHttp.Query(context, "code_challenge"), FakeHttp.Query(context, "code_challenge_method"));
            }
            answer["code"] = code;
        }
        context.Response.Redirect(QueryHelpers.AddQueryString(redirect, answer));
        await Task.CompletedTask;
    }

    /// <summary><c>POST /login/oauth/access_token</c>: GitHub answers 200 with an <c>error</c> field for a bad code or secret.</summary>
    private async Task OAuthAccessToken(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var code = form["code"].ToString();
        PendingCode? pending;
        lock (_gate)
        {
            // A code is good for one exchange, as on GitHub.
            if (_oauthCodes.Remove(code, out var found))
            {
                pending = found;
            }
            else
            {
                pending = null;
            }
        }
        string? error = pending is null ? "bad_verification_code"
            : form["client_id"] != OAuthClientId || form["client_secret"] != OAuthClientSecret ? "incorrect_client_credentials"
            : form["redirect_uri"].ToString() is { Length: > 0 } uri && uri != pending.RedirectUri ? "redirect_uri_mismatch"
            : !pending.VerifierMatches(form["code_verifier"].ToString()) ? "bad_verification_code"
            : null;
        if (error is not null)
        {
            await FakeHttp.WriteJsonAsync(context, new { error, error_description = error.Replace('_', ' ') });
            return;
        }
        var token = "ghu_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
        lock (_gate)
        {
            _userTokens[token] = pending!.User;
        }
        await FakeHttp.WriteJsonAsync(context, new { access_token = token, token_type = "bearer", scope = "", expires_in = 28800 });
    }

    /// <summary><c>GET /user</c> with a user token: the signed-in account.</summary>
    private async Task GetAuthenticatedUser(HttpContext context)
    {
        var token = Bearer(context);
        FakeUser? user;
        lock (_gate)
        {
            user = _userTokens.GetValueOrDefault(token);
        }
        if (user is null)
        {
            throw new FakeHttpError(401, "Bad credentials");
        }
        await FakeHttp.WriteJsonAsync(context, new { login = user.Login, id = user.Id, type = user.Type, name = user.Login, site_admin = false });
    }

    /// <summary><c>GET /orgs/{org}/installation</c> with the App JWT.</summary>
    private async Task GetOrganizationInstallation(HttpContext context)
    {
        if (_auth.VerifyJwt(Bearer(context)) is { } problem)
        {
            throw new FakeHttpError(401, problem);
        }
        var org = (string)context.Request.RouteValues["org"]!;
        long id;
        lock (_gate)
        {
            if (!_orgInstallations.TryGetValue(org, out id))
            {
                throw new FakeHttpError(404, "Not Found");
            }
        }
        await FakeHttp.WriteJsonAsync(context, new { id, app_id = long.Parse(AppId, CultureInfo.InvariantCulture), account = new { login = org, type = "Organization" } });
    }

    private sealed record PendingCode(FakeUser User, string RedirectUri, string? Challenge, string? ChallengeMethod)
    {
        /// <summary>PKCE (RFC 7636): no challenge, no check; S256: the verifier must hash to the challenge.</summary>
        public bool VerifierMatches(string verifier) => Challenge is null
            || (ChallengeMethod == "S256" && verifier.Length > 0
                && WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) == Challenge);
    }
}
