using Bot.Core.Model;

namespace Bot.GitHub.Rest;

/// <summary>The REST calls the bot makes on behalf of one installation. Every list call returns all pages.</summary>
public interface IGitHubInstallationClient
{
    long InstallationId { get; }

    Task<PullRequestInfo> GetPullRequestAsync(string owner, string repo, int number, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CommitInfo>> ListPullRequestCommitsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReviewInfo>> ListPullRequestReviewsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChangedFile>> ListPullRequestFilesAsync(string owner, string repo, int number, CancellationToken cancellationToken = default);

    /// <summary>The file's text at <paramref name="gitRef"/> (default branch when null); null when GitHub answers 404.</summary>
    Task<RepositoryFile?> GetFileAsync(string owner, string repo, string path, string? gitRef, CancellationToken cancellationToken = default);

    Task<RepositoryInfo> GetRepositoryAsync(string owner, string repo, CancellationToken cancellationToken = default);

    Task<CheckRunInfo> CreateCheckRunAsync(string owner, string repo, CheckRunRequest request, CancellationToken cancellationToken = default);

    Task<CheckRunInfo> UpdateCheckRunAsync(string owner, string repo, long checkRunId, CheckRunRequest request, CancellationToken cancellationToken = default);

    Task<CommitStatusInfo> CreateCommitStatusAsync(string owner, string repo, string sha, CommitStatusRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RepositoryInfo>> ListInstallationRepositoriesAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PullRequestInfo>> ListOpenPullRequestsAsync(string owner, string repo, CancellationToken cancellationToken = default);

    /// <summary>Check runs on <paramref name="gitRef"/> named <paramref name="checkName"/>, only those of <paramref name="appId"/> when given.</summary>
    Task<IReadOnlyList<CheckRunInfo>> ListCheckRunsAsync(string owner, string repo, string gitRef, string checkName, long? appId, CancellationToken cancellationToken = default);

    /// <summary><c>base...head</c>; commits oldest first across all pages.</summary>
    Task<CompareResult> CompareAsync(string owner, string repo, string baseRef, string headRef, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PullRequestInfo>> ListPullRequestsForCommitAsync(string owner, string repo, string commitSha, CancellationToken cancellationToken = default);

    /// <summary>The pull request's merge as GitHub reports it now (same call as <see cref="GetPullRequestAsync"/>).</summary>
    Task<PullRequestMerge> GetPullRequestMergeAsync(string owner, string repo, int number, CancellationToken cancellationToken = default);

    /// <summary>One commit with its parents (<c>GET /repos/{o}/{r}/commits/{ref}</c>).</summary>
    Task<HistoryCommit> GetCommitAsync(string owner, string repo, string gitRef, CancellationToken cancellationToken = default);

    /// <summary>The history from <paramref name="gitRef"/> down (<c>GET /repos/{o}/{r}/commits?sha=</c>), newest first, as
    /// git log orders it; pages are read only as far as the caller enumerates.</summary>
    IAsyncEnumerable<HistoryCommit> ListHistoryAsync(string owner, string repo, string gitRef, CancellationToken cancellationToken = default);

    /// <summary>Open pull requests, most recently updated first, down to the first one GitHub last changed before
    /// <paramref name="updatedSince"/> (null: all of them). Paging stops there, so a repository where nothing changed
    /// costs one (conditional) call whatever its number of open pull requests.</summary>
    Task<IReadOnlyList<PullRequestActivity>> ListOpenPullRequestsUpdatedSinceAsync(string owner, string repo, DateTimeOffset? updatedSince, CancellationToken cancellationToken = default);

    /// <summary>Every branch of the repository with the commit at its tip.</summary>
    Task<IReadOnlyList<BranchInfo>> ListBranchesAsync(string owner, string repo, CancellationToken cancellationToken = default);

    /// <summary>Posts a comment on a pull request (its issue); the bot's reply to an /ai-compliance command.</summary>
    Task CreateIssueCommentAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default);

    /// <summary>A pull request's (issue's) comment as GitHub holds it now; null when GitHub answers 404 (deleted).</summary>
    Task<IssueCommentInfo?> GetIssueCommentAsync(string owner, string repo, long commentId, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="username"/> is an active member of the team; 404 (no such team or member) is false.</summary>
    Task<bool> IsTeamMemberAsync(string org, string teamSlug, string username, CancellationToken cancellationToken = default);
}
