using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Population;

/// <summary>Merge and push deliveries derived from the real <c>pull_request/closed</c> and <c>push</c> fixtures.</summary>
internal static class PopulationPayloads
{
    /// <param name="Author">The author's GitHub login (<c>username</c>), and the git name unless <paramref name="GitName"/> is given.</param>
    /// <param name="GitName">The git author name, as a real push lists it beside the login.</param>
    /// <param name="GitEmail">The git author e-mail.</param>
    public sealed record PushedCommit(string Sha, string Message, string Author, string? GitName = null, string? GitEmail = null);

    public static byte[] Merged(string repository, int number, string title, string author, string headSha, string baseSha,
        string mergeCommitSha, DateTimeOffset mergedAt, string mergedBy, string baseRef = "main")
    {
        var node = Retarget(JsonNode.Parse(WebhookPayloads.Raw("pull_request", "closed.payload.json"))!, repository);
        node["number"] = number;
        var pr = node["pull_request"]!;
        pr["number"] = number;
        pr["title"] = title;
        pr["user"]!["login"] = author;
        pr["merged"] = true;
        pr["merged_at"] = mergedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        pr["merge_commit_sha"] = mergeCommitSha;
        pr["merged_by"] = new JsonObject { ["login"] = mergedBy, ["id"] = 999, ["type"] = "User" };
        pr["head"]!["sha"] = headSha;
        pr["base"]!["sha"] = baseSha;
        pr["base"]!["ref"] = baseRef;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public static byte[] Push(string repository, string branch, string before, string after, IReadOnlyList<PushedCommit> commits,
        string pusher, bool forced = false, bool deleted = false)
    {
        var node = Retarget(JsonNode.Parse(WebhookPayloads.Raw("push", "with-new-branch.payload.json"))!, repository);
        var template = node["commits"]![0]!;
        node["ref"] = "refs/heads/" + branch;
        node["before"] = before;
        node["after"] = after;
        node["created"] = false;
        node["deleted"] = deleted;
        node["forced"] = forced;
        node["pusher"] = new JsonObject { ["name"] = pusher, ["email"] = pusher + "@example.com" };
        var array = new JsonArray();
        foreach (var commit in commits)
        {
            var c = template.DeepClone();
            c["id"] = commit.Sha;
            c["message"] = commit.Message;
            c["author"]!["name"] = commit.GitName ?? commit.Author;
            c["author"]!["username"] = commit.Author;
            if (commit.GitEmail is not null)
                c["author"]!["email"] = commit.GitEmail;
            array.Add(c);
        }
        node["commits"] = array;
        node["head_commit"] = deleted || commits.Count == 0 ? null : array[^1]!.DeepClone();
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static JsonNode Retarget(JsonNode node, string repository)
    {
        var parts = repository.Split('/');
        node["repository"]!["full_name"] = repository;
        node["repository"]!["name"] = parts[1];
        node["repository"]!["owner"]!["login"] = parts[0];
        node["repository"]!["default_branch"] = "main";
        node["installation"] = new JsonObject { ["id"] = 1, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
        return node;
    }
}
