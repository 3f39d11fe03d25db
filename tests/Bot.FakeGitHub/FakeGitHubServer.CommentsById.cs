using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Bot.FakeGitHub;

/// <summary>Comments people write on pull requests, as GitHub keeps them: <c>GET /repos/{o}/{r}/issues/comments/{id}</c>
/// answers with the current text (after an edit) or 404 (after a delete). The bot reads a command comment back this way
/// before it acts on a delivery that carried it.</summary>
public sealed partial class FakeGitHubServer
{
    private readonly Dictionary<long, FakeIssueComment> _commentsById = [];

    /// <summary>A comment by <paramref name="user"/> on pull request <paramref name="number"/>; <paramref name="createdAt"/>
    /// (GitHub's clock, whole seconds) defaults to now.</summary>
    public FakeIssueComment AddComment(string repo, int number, FakeUser user, string body, DateTimeOffset? createdAt = null)
    {
        lock (_gate)
        {
            var repository = Repo(repo);
            var at = createdAt ?? DateTimeOffset.UtcNow;
            var comment = new FakeIssueComment(++_nextId, repository.FullName, number, user, body, at, at);
            _commentsById.Add(comment.Id, comment);
            return comment;
        }
    }

    public void EditComment(long id, string body)
    {
        lock (_gate)
        {
            _commentsById[id] = _commentsById[id] with { Body = body, UpdatedAt = DateTimeOffset.UtcNow };
        }
    }

    public void DeleteComment(long id)
    {
        lock (_gate)
        {
            _commentsById.Remove(id);
        }
    }

    private async Task GetIssueComment(HttpContext context)
    {
        var repo = RequireRepo(context);
        var id = long.Parse((string)context.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
        FakeIssueComment comment;
        lock (_gate)
        {
            comment = _commentsById.TryGetValue(id, out var found) && string.Equals(found.Repository, repo.FullName, StringComparison.OrdinalIgnoreCase)
                ? found
                : throw new FakeHttpError(404, "Not Found");
        }

        var api = BaseUrl.AbsoluteUri.TrimEnd('/');
        await FakeHttp.WriteJsonAsync(context, new
        {
            id = comment.Id,
            node_id = "IC_" + comment.Id,
            url = $"{api}/repos/{repo.FullName}/issues/comments/{comment.Id}",
            issue_url = $"{api}/repos/{repo.FullName}/issues/{comment.Number}",
            body = comment.Body,
            user = FakeJson.User(comment.User),
            created_at = FakeJson.Time(comment.CreatedAt),
            updated_at = FakeJson.Time(comment.UpdatedAt),
            author_association = "MEMBER",
        });
    }
}

/// <summary>A person's comment on a pull request as GitHub holds it now.</summary>
public sealed record FakeIssueComment(long Id, string Repository, int Number, FakeUser User, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
