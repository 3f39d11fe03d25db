using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Tests.Support;

/// <summary>Builds delivery bodies from the real fixtures, editing a copy where a test needs other values.</summary>
public static class WebhookPayloads
{
    public static string FixturePath(string eventName, string file) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", eventName, file);

    public static byte[] Raw(string eventName, string file) => File.ReadAllBytes(FixturePath(eventName, file));

    public static IEnumerable<(string Event, string File)> All() =>
        Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Fixtures"))
            .SelectMany(dir => Directory.GetFiles(dir, "*.json").Select(f => (Path.GetFileName(dir), Path.GetFileName(f))))
            .OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal);

    /// <summary>A pull_request delivery (derived from the real <c>opened</c>/<c>synchronize</c> fixture) for another repository and PR.</summary>
    public static byte[] PullRequest(string action, string repository, int number, string headSha, long installationId = 1, string baseRef = "main")
    {
        var file = action switch { "synchronize" => "synchronize.payload.json", "closed" => "closed.payload.json", "reopened" => "reopened.payload.json", _ => "opened.payload.json" };
        var node = Load("pull_request", file);
        node["action"] = action;
        node["number"] = number;
        var pr = node["pull_request"]!;
        pr["number"] = number;
        pr["head"]!["sha"] = headSha;
        pr["base"]!["ref"] = baseRef;
        Retarget(node, repository, installationId);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>A pull_request_review delivery derived from the real <c>submitted</c> fixture.</summary>
    public static byte[] Review(string repository, int number, string headSha, long installationId = 1)
    {
        var node = Load("pull_request_review", "submitted.payload.json");
        node["pull_request"]!["number"] = number;
        node["pull_request"]!["head"]!["sha"] = headSha;
        node["review"]!["commit_id"] = headSha;
        Retarget(node, repository, installationId);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>An <c>issue_comment</c> delivery on a pull request. No real fixture exists for this event, so the body is
    /// written in GitHub's documented shape (only the fields the bot reads, plus the usual envelope).</summary>
    public static byte[] PullRequestComment(string repository, int number, long commentId, string body, long userId, string login,
        string action = "created", string userType = "User", long installationId = 1)
    {
        var node = new JsonObject
        {
            ["action"] = action,
            ["issue"] = new JsonObject
            {
                ["number"] = number,
                ["pull_request"] = new JsonObject { ["url"] = $"https://api.github.com/repos/{repository}/pulls/{number}" },
            },
            ["comment"] = new JsonObject
            {
                ["id"] = commentId,
                ["body"] = body,
                ["user"] = new JsonObject { ["login"] = login, ["id"] = userId, ["type"] = userType },
                ["created_at"] = "2025-03-02T10:00:00Z",
            },
            ["repository"] = new JsonObject { ["id"] = 1, ["name"] = "", ["full_name"] = "", ["owner"] = new JsonObject { ["login"] = "", ["id"] = 1 } },
            ["sender"] = new JsonObject { ["login"] = login, ["id"] = userId, ["type"] = userType },
        };
        Retarget(node, repository, installationId);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static JsonNode Load(string eventName, string file) => JsonNode.Parse(Raw(eventName, file))!;

    private static void Retarget(JsonNode node, string repository, long installationId)
    {
        var parts = repository.Split('/');
        node["repository"]!["full_name"] = repository;
        node["repository"]!["name"] = parts[1];
        node["repository"]!["owner"]!["login"] = parts[0];
        node["installation"] = new JsonObject { ["id"] = installationId, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
    }
}
