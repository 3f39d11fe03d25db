using System.Text.Json;

namespace Bot.FakeGitHub;

/// <summary>Webhook bodies that show what this fake holds right now, as GitHub's deliveries do: the pull request object of
/// a <c>pull_request</c> delivery is the one <c>GET /pulls/{n}</c> answers (with <c>updated_at</c>), a review delivery's is
/// the reduced one without counts, a push lists each commit's added/removed/modified paths.</summary>
public sealed partial class FakeGitHubServer
{
    public byte[] PullRequestDelivery(FakePullRequest pr, string action)
    {
        lock (_gate)
        {
            return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["action"] = action,
                ["number"] = pr.Number,
                ["pull_request"] = FakeJson.Pull(pr),
                ["repository"] = FakeJson.Repo(pr.Repository),
                ["installation"] = new { id = pr.Repository.InstallationId },
                ["sender"] = FakeJson.User(pr.Author),
            });
        }
    }

    /// <summary>A <c>pull_request_review</c> <c>submitted</c> delivery for the pull request's newest review.</summary>
    public byte[] ReviewDelivery(FakePullRequest pr)
    {
        lock (_gate)
        {
            var review = pr.Reviews[^1];
            var pull = JsonSerializer.SerializeToNode(FakeJson.Pull(pr))!.AsObject();
            pull.Remove("commits"); // the reduced shape (github-api-notes §2.2)
            pull.Remove("changed_files");
            pull.Remove("merged");
            return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["action"] = "submitted",
                ["review"] = new
                {
                    id = review.Id,
                    user = FakeJson.User(review.User),
                    body = review.Body,
                    state = review.State.ToLowerInvariant(), // webhooks say it in lower case
                    commit_id = review.CommitId,
                    submitted_at = review.SubmittedAt is { } at ? FakeJson.Time(at) : null,
                },
                ["pull_request"] = pull,
                ["repository"] = FakeJson.Repo(pr.Repository),
                ["installation"] = new { id = pr.Repository.InstallationId },
                ["sender"] = FakeJson.User(review.User),
            });
        }
    }

    /// <summary>A push of one commit to <paramref name="branch"/> that modifies <paramref name="modified"/>.</summary>
    public byte[] PushDelivery(string repo, string branch, string before, string after, params string[] modified)
    {
        lock (_gate)
        {
            var repository = Repo(repo);
            return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["ref"] = "refs/heads/" + branch,
                ["before"] = before,
                ["after"] = after,
                ["created"] = false,
                ["deleted"] = false,
                ["forced"] = false,
                ["base_ref"] = null,
                ["pusher"] = new { name = "alice", email = "alice@example.com" },
                ["commits"] = new[]
                {
                    new
                    {
                        id = after,
                        tree_id = after,
                        distinct = true,
                        message = "Change " + string.Join(", ", modified),
                        timestamp = "2025-01-01T00:00:00Z",
                        author = new { name = "alice", email = "alice@example.com", username = "alice" },
                        committer = new { name = "alice", email = "alice@example.com", username = "alice" },
                        added = Array.Empty<string>(),
                        removed = Array.Empty<string>(),
                        modified,
                    },
                },
                ["repository"] = FakeJson.Repo(repository),
                ["installation"] = new { id = repository.InstallationId },
                ["sender"] = new { login = "alice", id = 100, type = "User" },
            });
        }
    }
}
