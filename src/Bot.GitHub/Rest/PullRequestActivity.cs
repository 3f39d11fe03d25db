using Bot.Core.Model;

namespace Bot.GitHub.Rest;

/// <summary>An open pull request as the list endpoint shows it, with the time GitHub last changed it (a push, a review,
/// an edit all move <see cref="UpdatedAt"/>).</summary>
public sealed record PullRequestActivity(PullRequestInfo PullRequest, DateTimeOffset UpdatedAt);
