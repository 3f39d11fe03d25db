using Bot.Core.Model;

namespace Bot.GitHub.Rest;

/// <summary>A pull request's comment as GitHub holds it now (<c>GET /repos/{o}/{r}/issues/comments/{id}</c>), which may differ
/// from a delivery that carried it: edited since, or replayed. <see cref="IssueNumber"/> is the pull request (issue) it
/// belongs to, read from its <c>issue_url</c>; <see cref="User"/> is null for a deleted account.</summary>
public sealed record IssueCommentInfo(long Id, string Body, GitHubUser? User, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, int? IssueNumber);
