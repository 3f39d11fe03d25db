using System.Runtime.CompilerServices;
using Bot.Core.Model;
using Bot.GitHub.Auth;
using Octokit;
using Polly.CircuitBreaker;
using Polly.Timeout;
using static Bot.GitHub.Rest.OctokitBased.OctokitModelMapper;
using CheckRunRequest = Bot.GitHub.Rest.CheckRunRequest;
using CompareResult = Bot.GitHub.Rest.CompareResult;
using PullRequestMerge = Bot.GitHub.Rest.PullRequestMerge;
using RepositoryFile = Bot.GitHub.Rest.RepositoryFile;

namespace Bot.GitHub.Rest.OctokitBased;

/// <summary><see cref="IGitHubInstallationClient"/> on Octokit 14. Octokit's own calls where it models the route; where it
/// does not (or pages 30 at a time with no way to ask for more), the same route through Octokit's <see cref="ApiConnection"/>
/// and its serializer. A 401 mints a fresh token and retries once; failures become <see cref="GitHubApiException"/>.
/// Octokit's calls take no cancellation token: a cancelled caller stops waiting, the request runs on to its own timeout.</summary>
internal sealed class OctokitInstallationClient(long installationId, GitHubClient github, ApiConnection api, InstallationTokenProvider tokens)
    : IGitHubInstallationClient
{
    // Octokit asks for no page size (GitHub's default is 30); the bot reads 100 a page like our own client.
    private static readonly ApiOptions Pages = new() { PageSize = 100 };

    public long InstallationId => installationId;

    public Task<PullRequestInfo> GetPullRequestAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/pulls/{number}", async () => ToPullRequest(await github.PullRequest.Get(owner, repo, number), withCounts: true), cancellationToken);

    // Octokit's PullRequest.Commits has no ApiOptions overload (30 a page: 9 calls for 250 commits); same route, 100 a page.
    public Task<IReadOnlyList<CommitInfo>> ListPullRequestCommitsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/pulls/{number}/commits",
            async () => Map(await api.GetAll<PullRequestCommit>(ApiUrls.PullRequestCommits(owner, repo, number), Pages), ToCommit), cancellationToken);

    // Octokit's PullRequestReview has a non-nullable SubmittedAt: a pending review (no submitted_at) throws a
    // NullReferenceException inside its serializer. Same route, read as a model of ours.
    public Task<IReadOnlyList<ReviewInfo>> ListPullRequestReviewsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/pulls/{number}/reviews",
            async () => Map(await api.GetAll<OctokitReview>(ApiUrls.PullRequestReviews(owner, repo, number), Pages), ToReview), cancellationToken);

    public Task<IReadOnlyList<ChangedFile>> ListPullRequestFilesAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/pulls/{number}/files",
            async () => Map(await github.PullRequest.Files(owner, repo, number, Pages), ToFile), cancellationToken);

    public Task<RepositoryFile?> GetFileAsync(string owner, string repo, string path, string? gitRef, CancellationToken cancellationToken = default)
    {
        var trimmed = path.Trim('/');
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        var relative = $"{Path(owner, repo)}/contents/{trimmed}";
        return CallAsync<RepositoryFile?>(relative, async () =>
        {
            IReadOnlyList<RepositoryContent> contents;
            try
            {
                contents = gitRef is null
                    ? await github.Repository.Content.GetAllContents(owner, repo, trimmed)
                    : await github.Repository.Content.GetAllContentsByRef(owner, repo, trimmed, gitRef);
            }
            catch (NotFoundException)
            {
                return null;
            }

            // Octokit answers a file and a directory alike, as a list: a file is the one entry that is the path itself.
            if (contents is not [var content] || content.Path != trimmed)
            {
                throw GitHubInstallationClient.NotAFile(relative, "is a directory");
            }

            return GitHubInstallationClient.DecodeFile(relative, content.Type.StringValue, content.Encoding, content.EncodedContent, content.Path, content.Sha, gitRef);
        }, cancellationToken);
    }

    public Task<RepositoryInfo> GetRepositoryAsync(string owner, string repo, CancellationToken cancellationToken = default) =>
        CallAsync(Path(owner, repo), async () => ToRepository(await github.Repository.Get(owner, repo)), cancellationToken);

    public Task<CheckRunInfo> CreateCheckRunAsync(string owner, string repo, CheckRunRequest request, CancellationToken cancellationToken = default)
    {
        GitHubInstallationClient.RequireCreatable(request);
        GitHubInstallationClient.RequireWritable(request);
        return CallAsync($"{Path(owner, repo)}/check-runs", async () => ToCheckRun(await github.Check.Run.Create(owner, repo, ToNew(request))), cancellationToken, "POST");
    }

    public Task<CheckRunInfo> UpdateCheckRunAsync(string owner, string repo, long checkRunId, CheckRunRequest request, CancellationToken cancellationToken = default)
    {
        GitHubInstallationClient.RequireWritable(request);
        return CallAsync($"{Path(owner, repo)}/check-runs/{checkRunId}",
            async () => ToCheckRun(await github.Check.Run.Update(owner, repo, checkRunId, ToUpdate(request))), cancellationToken, "PATCH");
    }

    public Task<CommitStatusInfo> CreateCommitStatusAsync(string owner, string repo, string sha, CommitStatusRequest request, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/statuses/{sha}",
            async () => ToCommitStatus(await github.Repository.Status.Create(owner, repo, sha, ToNew(request))), cancellationToken, "POST");

    public Task<IReadOnlyList<RepositoryInfo>> ListInstallationRepositoriesAsync(CancellationToken cancellationToken = default) =>
        CallAsync("/installation/repositories",
            async () => Map((await github.GitHubApps.Installation.GetAllRepositoriesForCurrent(Pages)).Repositories, ToRepository), cancellationToken);

    public Task<IReadOnlyList<PullRequestInfo>> ListOpenPullRequestsAsync(string owner, string repo, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/pulls", async () => Map(
            await github.PullRequest.GetAllForRepository(owner, repo, new PullRequestRequest { State = ItemStateFilter.Open }, Pages),
            pr => ToPullRequest(pr, withCounts: false)), cancellationToken);

    public Task<IReadOnlyList<CheckRunInfo>> ListCheckRunsAsync(
        string owner, string repo, string gitRef, string checkName, long? appId, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/commits/{gitRef}/check-runs", async () =>
        {
            // Octokit's request has no app_id filter: the App is filtered here only (the name both ways, as our client does).
            var runs = await github.Check.Run.GetAllForReference(owner, repo, gitRef, new Octokit.CheckRunRequest { CheckName = checkName }, Pages);
            return Map(runs.CheckRuns.Where(run => run.Name == checkName && (appId is null || run.App?.Id == appId)).ToList(), ToCheckRun);
        }, cancellationToken);

    /// <summary>Only the overload with <see cref="ApiOptions"/> pages compare (the other reads one page of at most 250 commits).</summary>
    public Task<CompareResult> CompareAsync(string owner, string repo, string baseRef, string headRef, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/compare/{baseRef}...{headRef}", async () =>
        {
            var result = await github.Repository.Commit.Compare(owner, repo, baseRef, headRef, Pages);
            return new CompareResult(result.Status, result.AheadBy, result.BehindBy, result.TotalCommits,
                Map(result.Commits, ToCommit), Map(result.Files ?? [], ToFile));
        }, cancellationToken);

    // Octokit's Commit.PullRequests returns a model without the fields of a pull request the bot reads everywhere else;
    // the same route read as Octokit's PullRequest.
    public Task<IReadOnlyList<PullRequestInfo>> ListPullRequestsForCommitAsync(string owner, string repo, string commitSha, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/commits/{commitSha}/pulls", async () => Map(
            await api.GetAll<PullRequest>(Relative($"repos/{Escape(owner)}/{Escape(repo)}/commits/{Escape(commitSha)}/pulls"), Pages),
            pr => ToPullRequest(pr, withCounts: false)), cancellationToken);

    public Task<PullRequestMerge> GetPullRequestMergeAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/pulls/{number}", async () => ToMerge(await github.PullRequest.Get(owner, repo, number)), cancellationToken);

    public Task<HistoryCommit> GetCommitAsync(string owner, string repo, string gitRef, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/commits/{gitRef}", async () => ToHistoryCommit(await github.Repository.Commit.Get(owner, repo, gitRef)), cancellationToken);

    /// <summary>Octokit reads every page before it answers; the history is read page by page through its connection instead,
    /// following <c>Link rel="next"</c>, so a caller that stops early reads no further page.</summary>
    public async IAsyncEnumerable<HistoryCommit> ListHistoryAsync(
        string owner, string repo, string gitRef, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Uri? next = Relative($"repos/{Escape(owner)}/{Escape(repo)}/commits");
        var parameters = new Dictionary<string, string> { ["sha"] = gitRef, ["per_page"] = "100" };
        while (next is not null)
        {
            var page = next;
            var query = parameters;
            var response = await CallAsync($"{Path(owner, repo)}/commits", () => github.Connection.Get<List<GitHubCommit>>(page, query, null, cancellationToken), cancellationToken);
            foreach (var commit in response.Body)
            {
                yield return ToHistoryCommit(commit);
            }

            next = response.HttpResponse.ApiInfo.GetNextPageUrl();
            parameters = [];
        }
    }

    public Task CreateIssueCommentAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/issues/{number}/comments", "POST", () => github.Issue.Comment.Create(owner, repo, number, body), cancellationToken);

    /// <summary>Octokit's <see cref="IssueComment"/> has no <c>issue_url</c> (and a subclass adding it is not filled: the
    /// serializer cannot reach the base class's private setters); read as a model of ours.</summary>
    public Task<IssueCommentInfo?> GetIssueCommentAsync(string owner, string repo, long commentId, CancellationToken cancellationToken = default) =>
        CallAsync($"{Path(owner, repo)}/issues/comments/{commentId}", async () =>
        {
            try
            {
                return (IssueCommentInfo?)ToIssueComment(await api.Get<OctokitIssueComment>(ApiUrls.IssueComment(owner, repo, commentId)));
            }
            catch (NotFoundException)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>Octokit reads memberships by team id only (<c>/teams/{id}/memberships</c>); the bot's policy names teams by
    /// slug, so the org route is read through Octokit's connection.</summary>
    public Task<bool> IsTeamMemberAsync(string org, string teamSlug, string username, CancellationToken cancellationToken = default)
    {
        var relative = $"orgs/{Escape(org)}/teams/{Escape(teamSlug)}/memberships/{Escape(username)}";
        return CallAsync("/" + relative, async () =>
        {
            try
            {
                return (await api.Get<TeamMembershipDetails>(Relative(relative))).State.StringValue == "active";
            }
            catch (NotFoundException)
            {
                return false;
            }
        }, cancellationToken);
    }

    /// <summary>One call: a 401 (token revoked or expired early) mints a token and retries once; Octokit's exceptions and a
    /// failed transport become <see cref="GitHubApiException"/> naming <paramref name="method"/> and <paramref name="path"/>.</summary>
    private async Task<T> CallAsync<T>(string path, Func<Task<T>> call, CancellationToken cancellationToken, string method = "GET")
    {
        var token = await tokens.GetTokenAsync(installationId, cancellationToken);
        try
        {
            return await TranslateAsync(path, method, call, cancellationToken);
        }
        catch (GitHubApiException e) when (e.StatusCode == 401)
        {
            await tokens.RefreshAsync(installationId, token, cancellationToken);
            return await TranslateAsync(path, method, call, cancellationToken);
        }
    }

    private Task<bool> CallAsync(string path, string method, Func<Task> call, CancellationToken cancellationToken) =>
        CallAsync(path, async () => { await call(); return true; }, cancellationToken, method);

    private static async Task<T> TranslateAsync<T>(string path, string method, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(cancellationToken);
        }
        catch (ApiException e)
        {
            var message = e.ApiError?.Message is { Length: > 0 } text ? text : e.Message;
            throw new GitHubApiException((int)e.StatusCode, method, path, message.Length > 300 ? message[..300] : message, e)
            {
                RateLimitResetAt = (e as RateLimitExceededException)?.Reset,
            };
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TimeoutException ||
                                  (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new GitHubApiException(null, method, path, e is BrokenCircuitException ? "circuit open after repeated failures" : e.Message, e);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The interface's list type, so that the lambdas need no cast.")]
    private static IReadOnlyList<TModel> Map<TWire, TModel>(IReadOnlyList<TWire> items, Func<TWire, TModel> map) => items.Select(map).ToList();

    private static string Path(string owner, string repo) => GitHubInstallationClient.Repo(owner, repo);

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static Uri Relative(string path) => new(path, UriKind.Relative);
}
