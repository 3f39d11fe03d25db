using Bot.Core.Model;

namespace Bot.GitHub.Rest;

/// <summary>A repository as the bot needs it (installation listing, default branch for policy fallback).
/// <see cref="PushedAt"/>: the last push to any of its branches, when GitHub says.</summary>
public sealed record RepositoryInfo(long Id, string Owner, string Name, string FullName, string DefaultBranch, bool Private, DateTimeOffset? PushedAt = null);

/// <summary>A file read from <c>GET /repos/{o}/{r}/contents/{path}</c>: decoded UTF-8 text and GitHub's blob SHA.</summary>
public sealed record RepositoryFile(string Path, string Sha, string Text);

/// <summary>Check-run output; GitHub limits <see cref="Summary"/> and <see cref="Text"/> to 65,535 characters each.</summary>
public sealed record CheckRunOutput(string Title, string Summary, string? Text = null);

/// <summary>Fields to create (name and head SHA required) or update (all optional) a check run.
/// <see cref="Conclusion"/> is required with <c>Status = "completed"</c>.</summary>
public sealed record CheckRunRequest
{
    public string? Name { get; init; }

    public string? HeadSha { get; init; }

    /// <summary><c>queued</c>, <c>in_progress</c> or <c>completed</c>.</summary>
    public string? Status { get; init; }

    /// <summary><c>success</c>, <c>failure</c>, <c>neutral</c>, <c>action_required</c>, <c>cancelled</c>, <c>skipped</c>, <c>timed_out</c>.</summary>
    public string? Conclusion { get; init; }

    public string? ExternalId { get; init; }

    public string? DetailsUrl { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public CheckRunOutput? Output { get; init; }
}

/// <summary>A check run as GitHub reports it.</summary>
public sealed record CheckRunInfo(
    long Id,
    string Name,
    string HeadSha,
    string Status,
    string? Conclusion,
    string? ExternalId,
    long? AppId,
    string? Title,
    string? Summary,
    string? HtmlUrl,
    DateTimeOffset? CompletedAt);

/// <summary>A commit status to post; <see cref="Description"/> is cut to GitHub's 140 characters.</summary>
public sealed record CommitStatusRequest(string State, string Context, string? Description = null, string? TargetUrl = null);

public sealed record CommitStatusInfo(long Id, string State, string? Context, string? Description, string? TargetUrl);

/// <summary>Result of <c>GET /repos/{o}/{r}/compare/{base}...{head}</c>: commits oldest first, files from the first page.</summary>
public sealed record CompareResult(
    string Status,
    int AheadBy,
    int BehindBy,
    int TotalCommits,
    IReadOnlyList<CommitInfo> Commits,
    IReadOnlyList<ChangedFile> Files);
