using System.Globalization;
using Bot.Core.Model;
using Bot.GitHub.Rest.Models;

namespace Bot.GitHub.Rest;

/// <summary>The one place where GitHub's wire shapes become the bot's model (and the bot's requests become wire shapes).</summary>
internal static class GitHubModelMapper
{
    public const int MaxStatusDescription = 140;

    public static GitHubUser? ToUser(RestUser? user) =>
        user is null ? null : new GitHubUser(user.Id, user.Login, string.IsNullOrEmpty(user.Type) ? "User" : user.Type);

    public static PullRequestInfo ToPullRequest(RestPullRequest pr) => new(
        pr.Number,
        pr.Title ?? "",
        ToUser(pr.User) ?? throw new InvalidDataException($"GitHub returned pull request #{pr.Number} without a user."),
        pr.Body,
        pr.Draft ?? false,
        pr.Base?.Ref ?? throw new InvalidDataException($"GitHub returned pull request #{pr.Number} without a base ref."),
        pr.Head?.Sha ?? throw new InvalidDataException($"GitHub returned pull request #{pr.Number} without a head SHA."),
        pr.State,
        pr.Merged ?? pr.MergedAt is not null,
        pr.Base?.Repo?.DefaultBranch,
        string.IsNullOrEmpty(pr.Base?.Sha) ? null : pr.Base.Sha,
        pr.Commits,
        pr.ChangedFiles);

    public static CommitInfo ToCommit(RestCommit commit) => new(
        commit.Sha,
        commit.Commit?.Message ?? "",
        ToIdentity(commit.Commit?.Author),
        ToIdentity(commit.Commit?.Committer),
        ToUser(commit.Author),
        ToUser(commit.Committer),
        commit.Parents?.Count ?? 1,
        commit.Parents?.Select(p => p.Sha).ToArray(),
        commit.Commit?.Committer?.Date);

    public static HistoryCommit ToHistoryCommit(RestCommit commit) =>
        new(ToCommit(commit), commit.Parents?.Select(p => p.Sha).ToList() ?? []);

    public static PullRequestMerge ToMerge(RestPullRequest pr)
    {
        var read = ToPullRequest(pr);
        return new(read.Number, read.Title, read.Author, read.BaseRef, read.HeadSha, read.Merged, pr.MergedAt, ToUser(pr.MergedBy), pr.MergeCommitSha);
    }

    public static ReviewInfo ToReview(RestReview review) =>
        new(review.Id, ToUser(review.User), review.State, review.CommitId, review.SubmittedAt);

    public static IssueCommentInfo ToIssueComment(RestIssueComment comment) =>
        new(comment.Id, comment.Body ?? "", ToUser(comment.User), comment.CreatedAt, comment.UpdatedAt, IssueNumber(comment.IssueUrl));

    /// <summary>The number at the end of an issue's API URL; null when the URL is missing or ends otherwise.</summary>
    private static int? IssueNumber(string? issueUrl) =>
        issueUrl is not null && int.TryParse(issueUrl[(issueUrl.LastIndexOf('/') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    public static ChangedFile ToFile(RestFile file) => new(file.Filename, file.Status, file.PreviousFilename);

    public static RepositoryInfo ToRepository(RestRepo repo) => new(
        repo.Id,
        repo.Owner?.Login ?? repo.FullName.Split('/')[0],
        repo.Name,
        repo.FullName,
        repo.DefaultBranch ?? throw new InvalidDataException($"GitHub returned repository {repo.FullName} without a default branch."),
        repo.Private,
        repo.PushedAt);

    public static CheckRunInfo ToCheckRun(RestCheckRun run) => new(
        run.Id, run.Name, run.HeadSha, run.Status, run.Conclusion, run.ExternalId, run.App?.Id,
        run.Output?.Title, run.Output?.Summary, run.HtmlUrl, run.CompletedAt);

    public static CommitStatusInfo ToCommitStatus(RestCommitStatus status) =>
        new(status.Id, status.State, status.Context, status.Description, status.TargetUrl);

    public static RestCheckRunWrite ToWrite(CheckRunRequest request) => new()
    {
        Name = request.Name,
        HeadSha = request.HeadSha,
        Status = request.Status,
        Conclusion = request.Conclusion,
        ExternalId = request.ExternalId,
        DetailsUrl = request.DetailsUrl,
        StartedAt = ToIso(request.StartedAt),
        CompletedAt = ToIso(request.CompletedAt),
        Output = request.Output is { } output
            ? new RestCheckRunOutputWrite { Title = output.Title, Summary = output.Summary, Text = output.Text }
            : null,
    };

    public static RestCommitStatusWrite ToWrite(CommitStatusRequest request) => new()
    {
        State = request.State,
        Context = request.Context,
        TargetUrl = request.TargetUrl,
        Description = request.Description is null ? null : TruncateDescription(request.Description),
    };

    /// <summary>GitHub answers 422 to a status description over 140 characters; cut it with an ellipsis,
    /// never splitting a surrogate pair.</summary>
    public static string TruncateDescription(string description)
    {
        if (description.Length <= MaxStatusDescription)
        {
            return description;
        }

        var keep = MaxStatusDescription - 1;
        if (char.IsHighSurrogate(description[keep - 1]))
        {
            keep--;
        }

        return description[..keep] + "…";
    }

    private static GitIdentity ToIdentity(RestGitIdentity? identity) => new(identity?.Name ?? "", identity?.Email ?? "");

    private static string? ToIso(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
