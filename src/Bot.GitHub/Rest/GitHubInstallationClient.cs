using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bot.Core.Model;
using Bot.GitHub.Auth;
using Bot.GitHub.Rest.Models;

namespace Bot.GitHub.Rest;

/// <summary>REST calls with one installation's token. A 401 mints a fresh token and retries once.</summary>
internal sealed class GitHubInstallationClient(long installationId, GitHubTransport transport, InstallationTokenProvider tokens)
    : IGitHubInstallationClient
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static GitHubJsonContext Json => GitHubJsonContext.Default;

    private readonly string _cacheIdentity = "installation:" + installationId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public long InstallationId => installationId;

    public async Task<PullRequestInfo> GetPullRequestAsync(string owner, string repo, int number, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Repo(owner, repo)}/pulls/{number}", null, cancellationToken);
        return GitHubModelMapper.ToPullRequest(await GitHubTransport.ReadAsync(response, Json.RestPullRequest, cancellationToken));
    }

    public Task<IReadOnlyList<CommitInfo>> ListPullRequestCommitsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        ListAllAsync($"{Repo(owner, repo)}/pulls/{number}/commits", Json.ListRestCommit, GitHubModelMapper.ToCommit, cancellationToken);

    public Task<IReadOnlyList<ReviewInfo>> ListPullRequestReviewsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        ListAllAsync($"{Repo(owner, repo)}/pulls/{number}/reviews", Json.ListRestReview, GitHubModelMapper.ToReview, cancellationToken);

    public Task<IReadOnlyList<ChangedFile>> ListPullRequestFilesAsync(string owner, string repo, int number, CancellationToken cancellationToken = default) =>
        ListAllAsync($"{Repo(owner, repo)}/pulls/{number}/files", Json.ListRestFile, GitHubModelMapper.ToFile, cancellationToken);

    public async Task<RepositoryFile?> GetFileAsync(string owner, string repo, string path, string? gitRef, CancellationToken cancellationToken = default)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        var query = gitRef is null ? "" : "?ref=" + Uri.EscapeDataString(gitRef);
        var relative = $"{Repo(owner, repo)}/contents/{string.Join('/', segments.Select(Uri.EscapeDataString))}{query}";
        using var response = await SendAsync(HttpMethod.Get, relative, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await GitHubTransport.EnsureSuccessAsync(response, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (body.TrimStart().StartsWith('['))
        {
            throw NotAFile(relative, "is a directory");
        }

        var content = JsonSerializer.Deserialize(body, Json.RestContent) ?? throw NotAFile(relative, "returned no content");
        if (content.Type != "file")
        {
            throw NotAFile(relative, $"is a {content.Type}");
        }

        if (content.Encoding != "base64" || content.Content is null)
        {
            throw NotAFile(relative, $"is too large for the contents API (encoding '{content.Encoding}')");
        }

        // GitHub wraps the base64 with '\n' every 60 characters.
        var bytes = Convert.FromBase64String(content.Content.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{content.Path} at {gitRef ?? "the default branch"} is not valid UTF-8 text.", e);
        }

        return new RepositoryFile(content.Path, content.Sha, text.TrimStart('\uFEFF'));
    }

    public async Task<RepositoryInfo> GetRepositoryAsync(string owner, string repo, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, Repo(owner, repo), null, cancellationToken);
        return GitHubModelMapper.ToRepository(await GitHubTransport.ReadAsync(response, Json.RestRepo, cancellationToken));
    }

    public async Task<CheckRunInfo> CreateCheckRunAsync(string owner, string repo, CheckRunRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.HeadSha))
        {
            throw new ArgumentException("A check run needs a name and a head SHA.", nameof(request));
        }

        return await WriteCheckRunAsync(HttpMethod.Post, $"{Repo(owner, repo)}/check-runs", request, cancellationToken);
    }

    public Task<CheckRunInfo> UpdateCheckRunAsync(string owner, string repo, long checkRunId, CheckRunRequest request, CancellationToken cancellationToken = default) =>
        WriteCheckRunAsync(HttpMethod.Patch, $"{Repo(owner, repo)}/check-runs/{checkRunId}", request, cancellationToken);

    public async Task<CommitStatusInfo> CreateCommitStatusAsync(string owner, string repo, string sha, CommitStatusRequest request, CancellationToken cancellationToken = default)
    {
        var body = GitHubModelMapper.ToWrite(request);
        using var response = await SendAsync(
            HttpMethod.Post,
            $"{Repo(owner, repo)}/statuses/{Uri.EscapeDataString(sha)}",
            () => GitHubTransport.Json(body, Json.RestCommitStatusWrite),
            cancellationToken);
        return GitHubModelMapper.ToCommitStatus(await GitHubTransport.ReadAsync(response, Json.RestCommitStatus, cancellationToken));
    }

    public async Task CreateIssueCommentAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default)
    {
        var write = new RestIssueCommentWrite { Body = body };
        using var response = await SendAsync(
            HttpMethod.Post,
            $"{Repo(owner, repo)}/issues/{number}/comments",
            () => GitHubTransport.Json(write, Json.RestIssueCommentWrite),
            cancellationToken);
        await GitHubTransport.EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task<IssueCommentInfo?> GetIssueCommentAsync(string owner, string repo, long commentId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Repo(owner, repo)}/issues/comments/{commentId}", null, cancellationToken);
        return GitHubTransport.IsNotFound(response)
            ? null
            : GitHubModelMapper.ToIssueComment(await GitHubTransport.ReadAsync(response, Json.RestIssueComment, cancellationToken));
    }

    public async Task<bool> IsTeamMemberAsync(string org, string teamSlug, string username, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            HttpMethod.Get,
            $"/orgs/{Uri.EscapeDataString(org)}/teams/{Uri.EscapeDataString(teamSlug)}/memberships/{Uri.EscapeDataString(username)}",
            null,
            cancellationToken);
        if (GitHubTransport.IsNotFound(response))
        {
            return false;
        }

        var membership = await GitHubTransport.ReadAsync(response, Json.RestTeamMembership, cancellationToken);
        return membership.State == "active";
    }

    public async Task<IReadOnlyList<RepositoryInfo>> ListInstallationRepositoriesAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<RepositoryInfo>();
        await foreach (var page in GetPagesAsync("/installation/repositories", Json.RestInstallationRepositories, cancellationToken))
        {
            all.AddRange(page.Repositories.Select(GitHubModelMapper.ToRepository));
        }

        return all;
    }

    public Task<IReadOnlyList<PullRequestInfo>> ListOpenPullRequestsAsync(string owner, string repo, CancellationToken cancellationToken = default) =>
        ListAllAsync($"{Repo(owner, repo)}/pulls?state=open", Json.ListRestPullRequest, GitHubModelMapper.ToPullRequest, cancellationToken);

    public async Task<IReadOnlyList<CheckRunInfo>> ListCheckRunsAsync(
        string owner, string repo, string gitRef, string checkName, long? appId, CancellationToken cancellationToken = default)
    {
        var query = "?check_name=" + Uri.EscapeDataString(checkName) + (appId is { } app ? "&app_id=" + app : "");
        var all = new List<CheckRunInfo>();
        await foreach (var page in GetPagesAsync($"{Repo(owner, repo)}/commits/{Uri.EscapeDataString(gitRef)}/check-runs{query}", Json.RestCheckRunList, cancellationToken))
        {
            // Filter here as well: the query filters are a GitHub convenience we do not want to depend on for correctness.
            all.AddRange(page.CheckRuns
                .Where(run => run.Name == checkName && (appId is null || run.App?.Id == appId))
                .Select(GitHubModelMapper.ToCheckRun));
        }

        return all;
    }

    public async Task<CompareResult> CompareAsync(string owner, string repo, string baseRef, string headRef, CancellationToken cancellationToken = default)
    {
        RestCompare? first = null;
        var commits = new List<CommitInfo>();
        var files = new List<ChangedFile>();
        await foreach (var page in GetPagesAsync($"{Repo(owner, repo)}/compare/{MultiSegment(baseRef)}...{MultiSegment(headRef)}", Json.RestCompare, cancellationToken))
        {
            first ??= page;
            commits.AddRange(page.Commits.Select(GitHubModelMapper.ToCommit));
            files.AddRange((page.Files ?? []).Select(GitHubModelMapper.ToFile));
        }

        return new CompareResult(first!.Status, first.AheadBy, first.BehindBy, first.TotalCommits, commits, files);
    }

    public Task<IReadOnlyList<PullRequestInfo>> ListPullRequestsForCommitAsync(string owner, string repo, string commitSha, CancellationToken cancellationToken = default) =>
        ListAllAsync($"{Repo(owner, repo)}/commits/{Uri.EscapeDataString(commitSha)}/pulls", Json.ListRestPullRequest, GitHubModelMapper.ToPullRequest, cancellationToken);

    public async Task<PullRequestMerge> GetPullRequestMergeAsync(string owner, string repo, int number, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Repo(owner, repo)}/pulls/{number}", null, cancellationToken);
        return GitHubModelMapper.ToMerge(await GitHubTransport.ReadAsync(response, Json.RestPullRequest, cancellationToken));
    }

    public async Task<HistoryCommit> GetCommitAsync(string owner, string repo, string gitRef, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Repo(owner, repo)}/commits/{Uri.EscapeDataString(gitRef)}", null, cancellationToken);
        return GitHubModelMapper.ToHistoryCommit(await GitHubTransport.ReadAsync(response, Json.RestCommit, cancellationToken));
    }

    public async IAsyncEnumerable<HistoryCommit> ListHistoryAsync(
        string owner, string repo, string gitRef, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in GetPagesAsync($"{Repo(owner, repo)}/commits?sha={Uri.EscapeDataString(gitRef)}", Json.ListRestCommit, cancellationToken))
        {
            foreach (var commit in page)
            {
                yield return GitHubModelMapper.ToHistoryCommit(commit);
            }
        }
    }

    public async Task<IReadOnlyList<PullRequestActivity>> ListOpenPullRequestsUpdatedSinceAsync(
        string owner, string repo, DateTimeOffset? updatedSince, CancellationToken cancellationToken = default)
    {
        // GitHub sorts by updated ascending unless told otherwise; newest first is what lets paging stop early.
        var all = new List<PullRequestActivity>();
        await foreach (var page in GetPagesAsync($"{Repo(owner, repo)}/pulls?state=open&sort=updated&direction=desc", Json.ListRestPullRequest, cancellationToken))
        {
            foreach (var pr in page)
            {
                var updatedAt = pr.UpdatedAt ?? throw new InvalidDataException($"GitHub listed pull request #{pr.Number} without updated_at.");
                if (updatedAt < updatedSince)
                {
                    return all;
                }

                all.Add(new PullRequestActivity(GitHubModelMapper.ToPullRequest(pr), updatedAt));
            }
        }

        return all;
    }

    public Task<IReadOnlyList<BranchInfo>> ListBranchesAsync(string owner, string repo, CancellationToken cancellationToken = default) =>
        ListAllAsync($"{Repo(owner, repo)}/branches", Json.ListRestBranch,
            branch => new BranchInfo(branch.Name, branch.Commit?.Sha ?? throw new InvalidDataException($"GitHub listed branch {branch.Name} without its commit.")),
            cancellationToken);

    private async Task<CheckRunInfo> WriteCheckRunAsync(HttpMethod method, string relative, CheckRunRequest request, CancellationToken cancellationToken)
    {
        if (request.Status == "completed" && request.Conclusion is null)
        {
            throw new ArgumentException("A completed check run needs a conclusion.", nameof(request));
        }

        if (request.Output is { } output && (output.Summary.Length > 65_535 || output.Text?.Length > 65_535))
        {
            throw new ArgumentException("Check-run summary and text are limited to 65,535 characters each.", nameof(request));
        }

        var body = GitHubModelMapper.ToWrite(request);
        using var response = await SendAsync(method, relative, () => GitHubTransport.Json(body, Json.RestCheckRunWrite), cancellationToken);
        return GitHubModelMapper.ToCheckRun(await GitHubTransport.ReadAsync(response, Json.RestCheckRun, cancellationToken));
    }

    private async Task<IReadOnlyList<TModel>> ListAllAsync<TWire, TModel>(
        string relative, JsonTypeInfo<List<TWire>> typeInfo, Func<TWire, TModel> map, CancellationToken cancellationToken)
    {
        var all = new List<TModel>();
        await foreach (var page in GetPagesAsync(relative, typeInfo, cancellationToken))
        {
            all.AddRange(page.Select(map));
        }

        return all;
    }

    private IAsyncEnumerable<TPage> GetPagesAsync<TPage>(string relative, JsonTypeInfo<TPage> typeInfo, CancellationToken cancellationToken) =>
        transport.GetPagesAsync(relative, (uri, token) => SendAsync(HttpMethod.Get, uri, null, token), typeInfo, cancellationToken);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, Func<HttpContent>? content, CancellationToken cancellationToken) =>
        SendAsync(method, transport.Resolve(relative), content, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(installationId, cancellationToken);
        var response = await SendOnceAsync(method, uri, token, content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // The cached token was revoked or expired early: mint once more, retry once.
        response.Dispose();
        token = await tokens.RefreshAsync(installationId, token, cancellationToken);
        return await SendOnceAsync(method, uri, token, content, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri uri, string token, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        using var request = transport.Create(method, uri, token, _cacheIdentity, content?.Invoke());
        request.Options.Set(Http.InstallationRateLimits.Installation, installationId);
        return await transport.SendAsync(request, cancellationToken);
    }

    private static string Repo(string owner, string repo)
    {
        if (string.IsNullOrWhiteSpace(owner) || string.IsNullOrWhiteSpace(repo))
        {
            throw new ArgumentException("Repository owner and name are required.");
        }

        return $"/repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repo)}";
    }

    /// <summary>Refs in compare may contain '/', which GitHub reads as part of the ref there.</summary>
    private static string MultiSegment(string value) => string.Join('/', value.Split('/').Select(Uri.EscapeDataString));

    private static GitHubApiException NotAFile(string relative, string what) =>
        new(200, "GET", relative, $"{what}, not a file");
}
