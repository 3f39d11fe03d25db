using System.Text.Json.Serialization;

namespace Bot.GitHub.Webhooks.Payloads;

/// <summary><c>issue_comment</c>; fires for comments on issues and on pull requests alike.</summary>
public sealed record IssueCommentEvent : WebhookEvent
{
    [JsonIgnore]
    public override string EventName => WebhookEventNames.IssueComment;

    public required WebhookComment Comment { get; init; }

    public required WebhookIssue Issue { get; init; }
}

public sealed record WebhookComment
{
    public required long Id { get; init; }

    public required string Body { get; init; }

    public required WebhookAccount User { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed record WebhookIssue
{
    public required int Number { get; init; }

    /// <summary>Present (with URLs) only when the issue is a pull request.</summary>
    public WebhookIssuePullRequestLink? PullRequest { get; init; }

    [JsonIgnore]
    public bool IsPullRequest => PullRequest is not null;
}

public sealed record WebhookIssuePullRequestLink
{
    public string? Url { get; init; }
}
