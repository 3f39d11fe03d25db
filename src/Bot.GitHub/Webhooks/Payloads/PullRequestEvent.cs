using System.Text.Json.Serialization;

namespace Bot.GitHub.Webhooks.Payloads;

/// <summary><c>pull_request</c>.</summary>
public sealed record PullRequestEvent : WebhookEvent
{
    [JsonIgnore]
    public override string EventName => WebhookEventNames.PullRequest;

    public required int Number { get; init; }

    public required WebhookPullRequest PullRequest { get; init; }

    /// <summary>Old head SHA; <c>synchronize</c> only.</summary>
    public string? Before { get; init; }

    /// <summary>New head SHA; <c>synchronize</c> only.</summary>
    public string? After { get; init; }
}

public sealed record WebhookPullRequest
{
    public required int Number { get; init; }

    public required string Title { get; init; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public required string State { get; init; }

    public bool Draft { get; init; }

    /// <summary>Null in some older payloads; on <c>closed</c>, true means merged.</summary>
    public bool? Merged { get; init; }

    public DateTimeOffset? MergedAt { get; init; }

    /// <summary>Before merge: the test-merge commit (may be null); after merge: the commit that landed on base.</summary>
    public string? MergeCommitSha { get; init; }

    public WebhookAccount? MergedBy { get; init; }

    public required WebhookAccount User { get; init; }

    public required WebhookBranchRef Head { get; init; }

    public required WebhookBranchRef Base { get; init; }
}
