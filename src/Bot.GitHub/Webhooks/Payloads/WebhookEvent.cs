using System.Text.Json.Serialization;

namespace Bot.GitHub.Webhooks.Payloads;

/// <summary>
/// Fields every delivery may carry. Only what the bot reads is modelled; everything else in the payload is skipped.
/// Nullable here means "GitHub may omit it or send null" (e.g. <c>ping</c> has no action or installation).
/// </summary>
public abstract record WebhookEvent
{
    /// <summary>The <c>X-GitHub-Event</c> header value this payload arrived with.</summary>
    [JsonIgnore]
    public abstract string EventName { get; }

    public string? Action { get; init; }

    public WebhookInstallation? Installation { get; init; }

    public WebhookRepository? Repository { get; init; }

    public WebhookAccount? Sender { get; init; }
}

/// <summary>An event the bot has no typed model for; parsed only for the common fields.</summary>
public sealed record UnhandledEvent : WebhookEvent
{
    [JsonIgnore]
    public override string EventName => Name;

    /// <summary>Set by the parser from the header, never from the payload.</summary>
    [JsonIgnore]
    public string Name { get; init; } = "";
}

/// <summary><c>ping</c>: sent when the hook is created; acknowledged, never acted on.</summary>
public sealed record PingEvent : WebhookEvent
{
    [JsonIgnore]
    public override string EventName => WebhookEventNames.Ping;

    public required string Zen { get; init; }

    public required long HookId { get; init; }

    public WebhookPingHook? Hook { get; init; }
}

public sealed record WebhookPingHook
{
    /// <summary>Present only for a GitHub App's hook.</summary>
    public long? AppId { get; init; }
}
