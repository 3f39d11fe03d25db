namespace Bot.GitHub.Webhooks.Payloads;

/// <summary><c>X-GitHub-Event</c> header values the bot has typed models for.</summary>
public static class WebhookEventNames
{
    public const string PullRequest = "pull_request";
    public const string PullRequestReview = "pull_request_review";
    public const string Push = "push";
    public const string CheckRun = "check_run";
    public const string CheckSuite = "check_suite";
    public const string Installation = "installation";
    public const string InstallationRepositories = "installation_repositories";
    public const string IssueComment = "issue_comment";
    public const string Ping = "ping";
    public const string MergeGroup = "merge_group";
}
