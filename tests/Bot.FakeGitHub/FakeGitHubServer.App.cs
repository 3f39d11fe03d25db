using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Bot.FakeGitHub;

/// <summary><c>GET /app</c>: the authenticated App itself, as the bot's start-up check of its credentials asks for it.</summary>
public sealed partial class FakeGitHubServer
{
    /// <summary>The App's URL name in <c>GET /app</c>.</summary>
    public const string AppSlug = "ai-change-control-test";

    private async Task GetApp(HttpContext context)
    {
        // GitHub answers 401 to a JWT that is not this App's: wrong iss (App id), another key's signature, expired.
        if (_auth.VerifyJwt(Bearer(context)) is { } problem)
        {
            throw new FakeHttpError(401, problem);
        }

        var id = long.Parse(AppId, CultureInfo.InvariantCulture);
        await FakeHttp.WriteJsonAsync(context, new
        {
            id,
            slug = AppSlug,
            name = "AI Change Control (test)",
            owner = new { login = "example-org", id = 1, type = "Organization" },
            permissions = new { checks = "write", contents = "read", metadata = "read", pull_requests = "write" },
            events = new[] { "pull_request", "pull_request_review", "push" },
        });
    }
}
