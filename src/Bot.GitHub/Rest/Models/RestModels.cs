namespace Bot.GitHub.Rest.Models;

// Wire shapes of GitHub's REST responses: only the fields the bot reads. Names map via snake_case (GitHubJsonContext).

internal sealed class RestUser
{
    public long Id { get; init; }

    public string Login { get; init; } = "";

    public string? Type { get; init; }
}

internal sealed class RestRepo
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string FullName { get; init; } = "";

    public RestUser? Owner { get; init; }

    public bool Private { get; init; }

    public string? DefaultBranch { get; init; }

    /// <summary>Last push to any branch: the population reconciliation skips a repository whose value has not moved.</summary>
    public DateTimeOffset? PushedAt { get; init; }
}

internal sealed class RestBranchRef
{
    public string Ref { get; init; } = "";

    public string Sha { get; init; } = "";

    public RestRepo? Repo { get; init; }
}

internal sealed class RestPullRequest
{
    public int Number { get; init; }

    public string? Title { get; init; }

    public RestUser? User { get; init; }

    public string? Body { get; init; }

    public bool? Draft { get; init; }

    public string State { get; init; } = "open";

    public bool? Merged { get; init; }

    public DateTimeOffset? MergedAt { get; init; }

    /// <summary>After the merge: the merge commit, the squash commit, or the last rebased copy.</summary>
    public string? MergeCommitSha { get; init; }

    public RestUser? MergedBy { get; init; }

    public RestBranchRef? Head { get; init; }

    public RestBranchRef? Base { get; init; }

    /// <summary>How many commits and changed files the pull request has; its list endpoints stop at 250 and 3,000.</summary>
    public int? Commits { get; init; }

    public int? ChangedFiles { get; init; }

    /// <summary>Moves on any change of the pull request (push, review, edit, state): the stale-check sweep's filter.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

internal sealed class RestGitIdentity
{
    public string? Name { get; init; }

    public string? Email { get; init; }

    public DateTimeOffset? Date { get; init; }
}

internal sealed class RestGitCommit
{
    public string? Message { get; init; }

    public RestGitIdentity? Author { get; init; }

    public RestGitIdentity? Committer { get; init; }
}

internal sealed class RestShaRef
{
    public string Sha { get; init; } = "";
}

internal sealed class RestCommit
{
    public string Sha { get; init; } = "";

    public RestGitCommit? Commit { get; init; }

    public RestUser? Author { get; init; }

    public RestUser? Committer { get; init; }

    public List<RestShaRef>? Parents { get; init; }
}

internal sealed class RestReview
{
    public long Id { get; init; }

    public RestUser? User { get; init; }

    public string State { get; init; } = "";

    public string? CommitId { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }
}

internal sealed class RestFile
{
    public string Filename { get; init; } = "";

    public string Status { get; init; } = "";

    public string? PreviousFilename { get; init; }
}

internal sealed class RestContent
{
    public string Type { get; init; } = "";

    public string? Encoding { get; init; }

    public string? Content { get; init; }

    public string Sha { get; init; } = "";

    public string Path { get; init; } = "";
}

internal sealed class RestInstallationRepositories
{
    public int TotalCount { get; init; }

    public List<RestRepo> Repositories { get; init; } = [];
}

internal sealed class RestApp
{
    public long Id { get; init; }

    public string? Slug { get; init; }
}

internal sealed class RestCheckRunOutput
{
    public string? Title { get; init; }

    public string? Summary { get; init; }
}

internal sealed class RestCheckRun
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string HeadSha { get; init; } = "";

    public string Status { get; init; } = "";

    public string? Conclusion { get; init; }

    public string? ExternalId { get; init; }

    public string? HtmlUrl { get; init; }

    public string? DetailsUrl { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public RestApp? App { get; init; }

    public RestCheckRunOutput? Output { get; init; }
}

internal sealed class RestCheckRunList
{
    public int TotalCount { get; init; }

    public List<RestCheckRun> CheckRuns { get; init; } = [];
}

internal sealed class RestCommitStatus
{
    public long Id { get; init; }

    public string State { get; init; } = "";

    public string? Context { get; init; }

    public string? Description { get; init; }

    public string? TargetUrl { get; init; }
}

internal sealed class RestCompare
{
    public string Status { get; init; } = "";

    public int AheadBy { get; init; }

    public int BehindBy { get; init; }

    public int TotalCommits { get; init; }

    public List<RestCommit> Commits { get; init; } = [];

    public List<RestFile>? Files { get; init; }
}

internal sealed class RestAccessToken
{
    public string Token { get; init; } = "";

    public DateTimeOffset ExpiresAt { get; init; }
}

internal sealed class RestError
{
    public string? Message { get; init; }
}

/// <summary>An item of <c>GET /app/installations</c>, or <c>GET /orgs/{org}/installation</c>.</summary>
internal sealed class RestInstallation
{
    public long Id { get; init; }
}

/// <summary><c>GET /orgs/{org}/teams/{team_slug}/memberships/{username}</c>.</summary>
internal sealed class RestTeamMembership
{
    public string State { get; init; } = "";
}

/// <summary><c>GET /repos/{o}/{r}/issues/comments/{id}</c>: a pull request's comment as GitHub holds it now.</summary>
internal sealed class RestIssueComment
{
    public long Id { get; init; }

    public string? Body { get; init; }

    public RestUser? User { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The issue (pull request) it belongs to, e.g. <c>https://api.github.com/repos/o/r/issues/7</c>.</summary>
    public string? IssueUrl { get; init; }
}

/// <summary>An item of <c>GET /repos/{owner}/{repo}/branches</c>.</summary>
internal sealed class RestBranch
{
    public string Name { get; init; } = "";

    public RestShaRef? Commit { get; init; }
}
