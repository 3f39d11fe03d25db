using System.Text.Json.Serialization;

namespace Bot.GitHub.Webhooks.Payloads;

/// <summary><c>check_run</c>.</summary>
public sealed record CheckRunEvent : WebhookEvent
{
    [JsonIgnore]
    public override string EventName => WebhookEventNames.CheckRun;

    public required WebhookCheckRun CheckRun { get; init; }
}

public sealed record WebhookCheckRun
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public required string HeadSha { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>The app that owns the run: filter on it so the bot does not react to its own or others' runs.</summary>
    public WebhookApp? App { get; init; }

    public required IReadOnlyList<WebhookLinkedPullRequest> PullRequests { get; init; }
}

/// <summary><c>check_suite</c>.</summary>
public sealed record CheckSuiteEvent : WebhookEvent
{
    [JsonIgnore]
    public override string EventName => WebhookEventNames.CheckSuite;

    public required WebhookCheckSuite CheckSuite { get; init; }
}

public sealed record WebhookCheckSuite
{
    public required long Id { get; init; }

    public required string HeadSha { get; init; }

    public WebhookApp? App { get; init; }

    public required IReadOnlyList<WebhookLinkedPullRequest> PullRequests { get; init; }
}
