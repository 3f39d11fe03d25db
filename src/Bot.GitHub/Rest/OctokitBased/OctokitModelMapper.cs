using Bot.Core.Model;
using Octokit;

namespace Bot.GitHub.Rest.OctokitBased;

/// <summary>Octokit's models as the bot's. Where Octokit's model cannot say "absent" (a non-nullable count or time), the
/// GitHub default the bot relies on is restored here.</summary>
internal static class OctokitModelMapper
{
    public static GitHubUser? ToUser(User? user) =>
        user is null ? null : new GitHubUser(user.Id, user.Login, user.Type?.ToString() ?? "User");

    public static GitHubUser? ToUser(Author? author) =>
        author is null ? null : new GitHubUser(author.Id, author.Login, string.IsNullOrEmpty(author.Type) ? "User" : author.Type);

    /// <param name="withCounts">Only GET of one pull request carries <c>commits</c>/<c>changed_files</c>; Octokit reads their
    /// absence in a list as 0, which would make every listed pull request look empty.</param>
    public static PullRequestInfo ToPullRequest(PullRequest pr, bool withCounts) => new(
        pr.Number,
        pr.Title ?? "",
        ToUser(pr.User) ?? throw new InvalidDataException($"GitHub returned pull request #{pr.Number} without a user."),
        pr.Body,
        pr.Draft,
        pr.Base?.Ref ?? throw new InvalidDataException($"GitHub returned pull request #{pr.Number} without a base ref."),
        pr.Head?.Sha ?? throw new InvalidDataException($"GitHub returned pull request #{pr.Number} without a head SHA."),
        pr.State.StringValue,
        pr.Merged,
        pr.Base.Repository?.DefaultBranch,
        string.IsNullOrEmpty(pr.Base.Sha) ? null : pr.Base.Sha,
        withCounts ? pr.Commits : null,
        withCounts ? pr.ChangedFiles : null);

    public static PullRequestMerge ToMerge(PullRequest pr)
    {
        var read = ToPullRequest(pr, withCounts: false);
        return new(read.Number, read.Title, read.Author, read.BaseRef, read.HeadSha, read.Merged, pr.MergedAt, ToUser(pr.MergedBy), pr.MergeCommitSha);
    }

    public static CommitInfo ToCommit(PullRequestCommit commit) =>
        ToCommit(commit.Sha, commit.Commit, ToUser(commit.Author), ToUser(commit.Committer), commit.Parents);

    public static CommitInfo ToCommit(GitHubCommit commit) =>
        ToCommit(commit.Sha, commit.Commit, ToUser(commit.Author), ToUser(commit.Committer), commit.Parents);

    public static HistoryCommit ToHistoryCommit(GitHubCommit commit) =>
        new(ToCommit(commit), commit.Parents?.Select(p => p.Sha).ToList() ?? []);

    public static ReviewInfo ToReview(OctokitReview review) =>
        new(review.Id, ToUser(review.User), review.State, review.CommitId, review.SubmittedAt);

    public static IssueCommentInfo ToIssueComment(OctokitIssueComment comment) =>
        new(comment.Id, comment.Body ?? "", ToUser(comment.User), comment.CreatedAt, comment.UpdatedAt, GitHubModelMapper.IssueNumber(comment.IssueUrl));

    public static ChangedFile ToFile(PullRequestFile file) => new(file.FileName, file.Status, file.PreviousFileName);

    public static ChangedFile ToFile(GitHubCommitFile file) => new(file.Filename, file.Status, file.PreviousFileName);

    public static RepositoryInfo ToRepository(Repository repo) => new(
        repo.Id,
        repo.Owner?.Login ?? repo.FullName.Split('/')[0],
        repo.Name,
        repo.FullName,
        repo.DefaultBranch ?? throw new InvalidDataException($"GitHub returned repository {repo.FullName} without a default branch."),
        repo.Private);

    public static CheckRunInfo ToCheckRun(CheckRun run) => new(
        run.Id, run.Name, run.HeadSha, run.Status.StringValue, run.Conclusion?.StringValue, run.ExternalId, run.App?.Id,
        run.Output?.Title, run.Output?.Summary, run.HtmlUrl, run.CompletedAt);

    public static CommitStatusInfo ToCommitStatus(CommitStatus status) =>
        new(status.Id, status.State.StringValue, status.Context, status.Description, status.TargetUrl);

    public static NewCheckRun ToNew(CheckRunRequest request) => new(request.Name, request.HeadSha)
    {
        Status = request.Status is { } status ? new StringEnum<CheckStatus>(status) : (StringEnum<CheckStatus>?)null,
        Conclusion = request.Conclusion is { } conclusion ? new StringEnum<CheckConclusion>(conclusion) : (StringEnum<CheckConclusion>?)null,
        ExternalId = request.ExternalId,
        DetailsUrl = request.DetailsUrl,
        StartedAt = request.StartedAt,
        CompletedAt = request.CompletedAt,
        Output = ToOutput(request.Output),
    };

    public static CheckRunUpdate ToUpdate(CheckRunRequest request) => new()
    {
        Name = request.Name,
        Status = request.Status is { } status ? new StringEnum<CheckStatus>(status) : (StringEnum<CheckStatus>?)null,
        Conclusion = request.Conclusion is { } conclusion ? new StringEnum<CheckConclusion>(conclusion) : (StringEnum<CheckConclusion>?)null,
        ExternalId = request.ExternalId,
        DetailsUrl = request.DetailsUrl,
        StartedAt = request.StartedAt,
        CompletedAt = request.CompletedAt,
        Output = ToOutput(request.Output),
    };

    public static NewCommitStatus ToNew(CommitStatusRequest request) => new()
    {
        State = Enum.Parse<CommitState>(request.State, ignoreCase: true),
        Context = request.Context,
        TargetUrl = request.TargetUrl,
        Description = request.Description is null ? null : GitHubModelMapper.TruncateDescription(request.Description),
    };

    private static NewCheckRunOutput? ToOutput(CheckRunOutput? output) =>
        output is null ? null : new NewCheckRunOutput(output.Title, output.Summary) { Text = output.Text };

    private static CommitInfo ToCommit(string sha, Commit? commit, GitHubUser? author, GitHubUser? committer, IReadOnlyList<GitReference>? parents) => new(
        sha,
        commit?.Message ?? "",
        new GitIdentity(commit?.Author?.Name ?? "", commit?.Author?.Email ?? ""),
        new GitIdentity(commit?.Committer?.Name ?? "", commit?.Committer?.Email ?? ""),
        author,
        committer,
        parents?.Count ?? 1,
        parents?.Select(p => p.Sha).ToArray());
}
