using System.Text.Json.Serialization;

namespace Bot.GitHub.Webhooks.Payloads;

/// <summary><c>pull_request_review</c>.</summary>
public sealed record PullRequestReviewEvent : WebhookEvent
{
    [JsonIgnore]
    public override string EventName => WebhookEventNames.PullRequestReview;

    public required WebhookReview Review { get; init; }

    /// <summary>A reduced pull request shape (no merge fields).</summary>
    public required WebhookReviewedPullRequest PullRequest { get; init; }
}

public sealed record WebhookReview
{
    public required long Id { get; init; }

    /// <summary>Null when the reviewer's account is gone.</summary>
    public WebhookAccount? User { get; init; }

    /// <summary>Lowercase in webhooks (<c>approved</c>, <c>changes_requested</c>, <c>commented</c>, <c>dismissed</c>),
    /// uppercase in REST: compare case-insensitively.</summary>
    public required string State { get; init; }

    /// <summary>The head SHA the review was made on; differs from the current head when the approval is stale.</summary>
    public required string CommitId { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }
}

public sealed record WebhookReviewedPullRequest
{
    public required int Number { get; init; }

    public required WebhookBranchRef Head { get; init; }

    public required WebhookBranchRef Base { get; init; }
}
