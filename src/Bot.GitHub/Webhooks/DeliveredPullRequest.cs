using System.Text.Json;
using Bot.Core.Model;
using Bot.GitHub.Rest;
using Bot.GitHub.Rest.Models;

namespace Bot.GitHub.Webhooks;

/// <summary>The pull request as a <c>pull_request</c> or <c>pull_request_review</c> delivery carries it: the same shape as
/// <c>GET /repos/{o}/{r}/pulls/{n}</c> (a review's copy lacks the <c>commits</c> and <c>changed_files</c> counts), and when
/// GitHub last changed it, which is what says whether the copy may still be current.</summary>
public sealed record DeliveredPullRequest(PullRequestInfo PullRequest, DateTimeOffset UpdatedAt)
{
    /// <summary>The delivery's <c>pull_request</c> object; null when the body has none (other events), or it lacks a field
    /// the bot needs (then the pull request is read from GitHub instead).</summary>
    public static DeliveredPullRequest? TryRead(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("pull_request", out var element)
                || element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var pullRequest = element.Deserialize(GitHubJsonContext.Default.RestPullRequest);
            return pullRequest?.UpdatedAt is { } updatedAt
                ? new DeliveredPullRequest(GitHubModelMapper.ToPullRequest(pullRequest), updatedAt)
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return null;
        }
    }
}
