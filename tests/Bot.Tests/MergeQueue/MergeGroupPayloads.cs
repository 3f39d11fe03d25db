using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.MergeQueue;

/// <summary><c>merge_group</c> deliveries derived from the real <c>checks_requested</c> fixture: the repository,
/// installation, group head, base and the pull request the group's head ref names are edited in a copy.</summary>
public static class MergeGroupPayloads
{
    public static byte[] ChecksRequested(string repository, string headSha, string baseSha, int number, string pullRequestHead, string baseBranch = "main") =>
        Derive("checks_requested", repository, headSha, baseSha, number, pullRequestHead, baseBranch);

    /// <summary>No <c>destroyed</c> example exists: GitHub sends the same group with that action and a reason.</summary>
    public static byte[] Destroyed(string repository, string headSha, string baseSha, int number, string pullRequestHead, string reason = "dequeued") =>
        Derive("destroyed", repository, headSha, baseSha, number, pullRequestHead, "main", reason);

    private static byte[] Derive(string action, string repository, string headSha, string baseSha, int number, string pullRequestHead,
        string baseBranch, string? reason = null)
    {
        var node = JsonNode.Parse(WebhookPayloads.Raw("merge_group", "checks_requested.json"))!;
        node["action"] = action;
        if (reason is not null)
            node["reason"] = reason;
        var group = node["merge_group"]!;
        group["head_sha"] = headSha;
        group["head_ref"] = $"refs/heads/gh-readonly-queue/{baseBranch}/pr-{number}-{pullRequestHead}";
        group["base_sha"] = baseSha;
        group["base_ref"] = $"refs/heads/{baseBranch}";
        group["head_commit"]!["id"] = headSha;
        var parts = repository.Split('/');
        node["repository"]!["full_name"] = repository;
        node["repository"]!["name"] = parts[1];
        node["repository"]!["owner"]!["login"] = parts[0];
        node["installation"]!["id"] = 1;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
