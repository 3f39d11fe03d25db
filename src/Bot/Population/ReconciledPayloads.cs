using Bot.Core.Model;
using Bot.GitHub.Rest;
using Bot.GitHub.Webhooks.Payloads;

namespace Bot.Population;

/// <summary>The push that brought commits found in a branch's history, as its webhook would have described it, so that a
/// change found by the population reconciliation goes through the very same recording path
/// (<see cref="ChangeRecorder.RecordPushAsync"/>) as a delivery. A merged pull request needs nothing rebuilt: the recorder
/// reads its merge from GitHub whichever way it learns of it.</summary>
internal static class ReconciledPayloads
{
    /// <summary>Stands in for the pusher, whom a branch's history does not name.</summary>
    public const string UnknownPusher = "unknown (found in branch history)";

    /// <summary>A <c>push</c> to <paramref name="branch"/> that brought <paramref name="commits"/>; <paramref name="forced"/>
    /// when the branch's history no longer holds <paramref name="before"/>.</summary>
    public static PushEvent Push(long installationId, RepositoryInfo repository, string branch, string before, string after,
        IReadOnlyList<CommitInfo> commits, bool forced) => new()
    {
        Ref = "refs/heads/" + branch,
        Before = before,
        After = after,
        Created = false,
        Deleted = false,
        Forced = forced,
        Pusher = new WebhookPusher { Name = UnknownPusher },
        Commits = [.. commits.Select(Commit)],
        HeadCommit = commits.Count > 0 ? Commit(commits[^1]) : null,
        Installation = new WebhookInstallation { Id = installationId },
        Repository = Repository(repository),
    };

    /// <summary>A <c>push</c> that deleted <paramref name="branch"/>, last seen at <paramref name="lastTip"/>.</summary>
    public static PushEvent Deletion(long installationId, RepositoryInfo repository, string branch, string lastTip) =>
        Push(installationId, repository, branch, lastTip, PushEvent.ZeroSha, [], forced: false) with { Deleted = true };

    private static WebhookRepository Repository(RepositoryInfo repository) => new()
    {
        Id = repository.Id,
        Name = repository.Name,
        FullName = repository.FullName,
        Owner = new WebhookAccount { Login = repository.Owner, Id = 0 },
        DefaultBranch = repository.DefaultBranch,
    };

    private static WebhookPushCommit Commit(CommitInfo commit) => new()
    {
        Id = commit.Sha,
        Message = commit.Message,
        Timestamp = commit.CommittedAt ?? DateTimeOffset.UnixEpoch,
        Author = new WebhookCommitIdentity { Name = commit.Author.Name, Email = commit.Author.Email, Username = commit.AuthorUser?.Login },
        Committer = new WebhookCommitIdentity { Name = commit.Committer.Name, Email = commit.Committer.Email, Username = commit.CommitterUser?.Login },
        Distinct = true,
    };
}
