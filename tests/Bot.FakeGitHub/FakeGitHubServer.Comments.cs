using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Bot.FakeGitHub;

/// <summary>Pull-request comments the bot posts, and org team memberships it asks about (overrides).</summary>
public sealed partial class FakeGitHubServer
{
    private readonly List<FakeComment> _comments = [];
    private readonly HashSet<(string Org, string Team, string Login)> _teamMembers = [];

    public void AddTeamMember(string org, string teamSlug, string login)
    {
        lock (_gate)
        {
            _teamMembers.Add((org.ToLowerInvariant(), teamSlug.ToLowerInvariant(), login.ToLowerInvariant()));
        }
    }

    /// <summary>Comments posted through the API on the repository's pull requests, in order.</summary>
    public IReadOnlyList<FakeComment> Comments(string repo)
    {
        lock (_gate)
        {
            return _comments.Where(c => c.Repository == repo).ToList();
        }
    }

    private async Task CreateIssueComment(HttpContext context)
    {
        var repo = RequireRepo(context);
        var number = int.Parse((string)context.Request.RouteValues["number"]!, CultureInfo.InvariantCulture);
        var body = Str(await ReadBodyAsync(context), "body") ?? throw new FakeHttpError(422, "Validation Failed: body");
        FakeComment comment;
        lock (_gate)
        {
            comment = new FakeComment(++_nextId, repo.FullName, number, body);
            _comments.Add(comment);
        }

        await FakeHttp.WriteJsonAsync(context, new { id = comment.Id, body = comment.Body }, 201);
    }

    private async Task GetTeamMembership(HttpContext context)
    {
        RequireInstallationToken(context);
        var org = ((string)context.Request.RouteValues["org"]!).ToLowerInvariant();
        var team = ((string)context.Request.RouteValues["team"]!).ToLowerInvariant();
        var login = ((string)context.Request.RouteValues["username"]!).ToLowerInvariant();
        bool member;
        lock (_gate)
        {
            member = _teamMembers.Contains((org, team, login));
        }

        if (!member)
        {
            throw new FakeHttpError(404, "Not Found");
        }

        await FakeHttp.WriteJsonAsync(context, new { state = "active", role = "member" });
    }
}

public sealed record FakeComment(long Id, string Repository, int Number, string Body);
