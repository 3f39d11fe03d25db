using System.Text.Json.Serialization;

namespace Bot.GitHub.Webhooks.Payloads;

/// <summary><c>installation</c>; the inherited <see cref="WebhookEvent.Installation"/> carries the account.</summary>
public sealed record InstallationEvent : WebhookEvent
{
    [JsonIgnore]
    public override string EventName => WebhookEventNames.Installation;

    /// <summary>Absent on <c>suspend</c> / <c>unsuspend</c>.</summary>
    public IReadOnlyList<WebhookRepositoryName>? Repositories { get; init; }
}

/// <summary><c>installation_repositories</c>.</summary>
public sealed record InstallationRepositoriesEvent : WebhookEvent
{
    [JsonIgnore]
    public override string EventName => WebhookEventNames.InstallationRepositories;

    /// <summary><c>all</c> or <c>selected</c>.</summary>
    public string? RepositorySelection { get; init; }

    public required IReadOnlyList<WebhookRepositoryName> RepositoriesAdded { get; init; }

    public required IReadOnlyList<WebhookRepositoryName> RepositoriesRemoved { get; init; }
}
