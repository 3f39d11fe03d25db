using System.Runtime.CompilerServices;
using Bot.Core.Model;
using Bot.GitHub.Rest;

namespace Bot.TestSupport.GitHub;

/// <summary><see cref="IGitHubInstallationClient"/> over <see cref="InMemoryGitHub"/>'s state; every call is logged first.</summary>
internal sealed class InMemoryInstallationClient(InMemoryGitHub github, long installationId) : IGitHubInstallationClient
{
    public long InstallationId => installationId;

    public async Task<PullRequestInfo> GetPullRequestAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        (await PullRequestAsync($"GET {owner}/{repo} pulls/{number}", owner, repo, number)).Info;

    public async Task<IReadOnlyList<CommitInfo>> ListPullRequestCommitsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        (await PullRequestAsync($"GET {owner}/{repo} pulls/{number}/commits", owner, repo, number)).Commits;

    public async Task<IReadOnlyList<ReviewInfo>> ListPullRequestReviewsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        (await PullRequestAsync($"GET {owner}/{repo} pulls/{number}/reviews", owner, repo, number)).Reviews;

    public async Task<IReadOnlyList<ChangedFile>> ListPullRequestFilesAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        (await PullRequestAsync($"GET {owner}/{repo} pulls/{number}/files", owner, repo, number)).Files;

    public async Task<RepositoryFile?> GetFileAsync(string owner, string repo, string path, string? gitRef, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET {owner}/{repo} contents/{path}@{gitRef}");
        var repository = github.Repositories.FirstOrDefault(r => r.FullName.Equals($"{owner}/{repo}", StringComparison.OrdinalIgnoreCase));
        return repository is not null && repository.Files.TryGetValue((path, gitRef ?? repository.DefaultBranch), out var text)
            ? new RepositoryFile(path, $"sha-{text.Length}", text)
            : null;
    }

    public async Task<RepositoryInfo> GetRepositoryAsync(string owner, string repo, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET {owner}/{repo}");
        return github.Existing(owner, repo).Info;
    }

    public async Task<CheckRunInfo> CreateCheckRunAsync(string owner, string repo, CheckRunRequest request, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"POST {owner}/{repo} check-runs");
        var repository = github.Existing(owner, repo);
        var run = new CheckRunInfo(repository.NextId(), request.Name!, request.HeadSha!, request.Status ?? "queued", request.Conclusion, request.ExternalId,
            AppId: 1, request.Output?.Title, request.Output?.Summary, $"https://github.com/{owner}/{repo}/runs", request.CompletedAt);
        repository.CheckRuns.Enqueue(run);
        return run;
    }

    public async Task<CheckRunInfo> UpdateCheckRunAsync(string owner, string repo, long checkRunId, CheckRunRequest request, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"PATCH {owner}/{repo} check-runs/{checkRunId}");
        var repository = github.Existing(owner, repo);
        var run = repository.CheckRuns.LastOrDefault(r => r.Id == checkRunId)
                  ?? throw new GitHubApiException(404, "PATCH", $"/repos/{owner}/{repo}/check-runs/{checkRunId}", "Not Found");
        // A check run changes in place on GitHub; the log keeps each state, newest last.
        var updated = run with
        {
            Status = request.Status ?? run.Status, Conclusion = request.Conclusion ?? run.Conclusion, Title = request.Output?.Title ?? run.Title,
            Summary = request.Output?.Summary ?? run.Summary, CompletedAt = request.CompletedAt ?? run.CompletedAt,
        };
        repository.CheckRuns.Enqueue(updated);
        return updated;
    }

    public async Task<CommitStatusInfo> CreateCommitStatusAsync(string owner, string repo, string sha, CommitStatusRequest request, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"POST {owner}/{repo} statuses/{sha}");
        return new CommitStatusInfo(github.Existing(owner, repo).NextId(), request.State, request.Context, request.Description, request.TargetUrl);
    }

    public async Task<IReadOnlyList<RepositoryInfo>> ListInstallationRepositoriesAsync(CancellationToken cancellationToken = default)
    {
        await github.CallAsync("GET installation/repositories");
        return [.. github.Repositories.Select(r => r.Info)];
    }

    public async Task<IReadOnlyList<PullRequestInfo>> ListOpenPullRequestsAsync(string owner, string repo, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET {owner}/{repo} pulls?state=open");
        return [.. OpenPullRequests(owner, repo)];
    }

    public async Task<IReadOnlyList<CheckRunInfo>> ListCheckRunsAsync(string owner, string repo, string gitRef, string checkName, long? appId, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET {owner}/{repo} commits/{gitRef}/check-runs");
        return [.. github.Existing(owner, repo).CheckRunsOn(gitRef).Where(r => r.Name == checkName)];
    }

    public async Task<CompareResult> CompareAsync(string owner, string repo, string baseRef, string headRef, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET {owner}/{repo} compare/{baseRef}...{headRef}");
        var commits = github.Existing(owner, repo).PullRequests.Values.FirstOrDefault(pr => pr.HeadSha == headRef)?.Commits ?? [];
        return new CompareResult("ahead", commits.Count, 0, commits.Count, commits, []);
    }

    public async Task<IReadOnlyList<PullRequestInfo>> ListPullRequestsForCommitAsync(string owner, string repo, string commitSha, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET {owner}/{repo} commits/{commitSha}/pulls");
        var repository = github.Existing(owner, repo);
        return repository.CommitPullRequests.TryGetValue(commitSha, out var numbers)
            ? [.. numbers.Select(n => repository.PullRequests[n].Info)]
            : [];
    }

    public async Task<PullRequestMerge> GetPullRequestMergeAsync(string owner, string repo, int number, CancellationToken cancellationToken = default)
    {
        var info = (await PullRequestAsync($"GET {owner}/{repo} pulls/{number}", owner, repo, number)).Info;
        return new PullRequestMerge(number, info.Title, info.Author, info.BaseRef, info.HeadSha, info.Merged, info.Merged ? DateTimeOffset.UnixEpoch : null,
            info.Merged ? info.Author : null, info.Merged ? info.HeadSha : null);
    }

    public async Task<HistoryCommit> GetCommitAsync(string owner, string repo, string gitRef, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET {owner}/{repo} commits/{gitRef}");
        var commit = github.Existing(owner, repo).PullRequests.Values.SelectMany(pr => pr.Commits).FirstOrDefault(c => c.Sha == gitRef)
                     ?? throw new GitHubApiException(404, "GET", $"/repos/{owner}/{repo}/commits/{gitRef}", "Not Found");
        return new HistoryCommit(commit, []);
    }

    public async IAsyncEnumerable<HistoryCommit> ListHistoryAsync(string owner, string repo, string gitRef, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // No branch history is modelled: a walk finds nothing.
        await github.CallAsync($"GET {owner}/{repo} commits?sha={gitRef}");
        yield break;
    }

    public async Task<IReadOnlyList<PullRequestActivity>> ListOpenPullRequestsUpdatedSinceAsync(string owner, string repo, DateTimeOffset? updatedSince, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET {owner}/{repo} pulls?state=open&sort=updated");
        return [.. OpenPullRequests(owner, repo).Select(pr => new PullRequestActivity(pr, DateTimeOffset.UnixEpoch))];
    }

    public async Task<IReadOnlyList<BranchInfo>> ListBranchesAsync(string owner, string repo, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET {owner}/{repo} branches");
        return [];
    }

    public async Task CreateIssueCommentAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"POST {owner}/{repo} issues/{number}/comments");
        github.Existing(owner, repo).PostedComments.Enqueue((number, body));
    }

    public async Task<IssueCommentInfo?> GetIssueCommentAsync(string owner, string repo, long commentId, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET {owner}/{repo} issues/comments/{commentId}");
        return github.Existing(owner, repo).IssueComments.GetValueOrDefault(commentId);
    }

    public async Task<bool> IsTeamMemberAsync(string org, string teamSlug, string username, CancellationToken cancellationToken = default)
    {
        await github.CallAsync($"GET orgs/{org}/teams/{teamSlug}/memberships/{username}");
        return false;
    }

    private IEnumerable<PullRequestInfo> OpenPullRequests(string owner, string repo) =>
        github.Existing(owner, repo).PullRequests.Values.Select(pr => pr.Info).Where(pr => pr.State == "open").OrderBy(pr => pr.Number);

    private async Task<FakePullRequest> PullRequestAsync(string call, string owner, string repo, int number)
    {
        await github.CallAsync(call);
        return github.Existing(owner, repo).PullRequests.TryGetValue(number, out var pullRequest)
            ? pullRequest
            : throw new GitHubApiException(404, "GET", $"/repos/{owner}/{repo}/pulls/{number}", "Not Found");
    }
}
