using System.Globalization;
using System.Security.Claims;

namespace Bot.Dashboard.Access;

/// <summary>What the sign-in cookie says about its holder: the GitHub login and id, whether the dashboard is open to them,
/// why, and when that was last checked. No GitHub token is kept.</summary>
public static class DashboardClaims
{
    public const string Access = "dashboard:access";
    public const string Allowed = "allowed";
    public const string Refused = "refused";
    public const string Via = "dashboard:via";
    public const string CheckedAt = "dashboard:checked_at";

    public static ClaimsIdentity Create(string scheme, string login, long gitHubId, AccessDecision decision, DateTimeOffset checkedAt)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, login));
        // The GitHub user id is the stable identifier antiforgery tokens are bound to; without it they would be bound to
        // every claim, and each re-check (a new checked_at) would invalidate the forms on open pages.
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, gitHubId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(Access, decision.Allowed ? Allowed : Refused));
        if (decision.Via is { } via)
        {
            identity.AddClaim(new Claim(Via, via));
        }
        identity.AddClaim(new Claim(CheckedAt, checkedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        return identity;
    }

    public static bool IsAllowed(ClaimsPrincipal user) => user.HasClaim(Access, Allowed);

    public static long GitHubIdOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0;

    public static DateTimeOffset? CheckedAtOf(ClaimsPrincipal user) =>
        DateTimeOffset.TryParse(user.FindFirstValue(CheckedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
}
