using System.Text;
using System.Text.Json.Nodes;
using Bot.FakeGitHub;

namespace Bot.Tests.Population;

/// <summary>The push GitHub sends when merges land on the base branch, derived (through <see cref="PopulationPayloads.Push"/>)
/// from the real <c>push</c> fixture: <c>before</c> the first landing's base tip, <c>after</c> the last landing's tip, and
/// every commit the landings added.</summary>
internal static class LandingPayloads
{
    /// <summary>The merge queue pushes as its App's bot account: pusher and sender <c>github-merge-queue[bot]</c>
    /// (id 118344674 on github.com; the shape as a third-party mock payload shows it, not a GitHub fixture).</summary>
    public const string MergeQueue = "github-merge-queue[bot]";
    public const long MergeQueueId = 118344674;

    public static byte[] Push(string repository, string pusher, params FakeLanding[] landings)
    {
        var commits = landings.SelectMany(l => l.Commits)
            .Select(c => new PopulationPayloads.PushedCommit(c.Sha, c.Message, c.AuthorUser?.Login ?? c.AuthorName, c.AuthorName, c.AuthorEmail)).ToList();
        var body = PopulationPayloads.Push(repository, "main", landings[0].Before, landings[^1].After, commits, pusher);
        if (pusher != MergeQueue)
            return body;
        var node = JsonNode.Parse(body)!;
        node["sender"] = new JsonObject { ["login"] = MergeQueue, ["id"] = MergeQueueId, ["type"] = "Bot" };
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
