using System.Text.Json.Serialization;

namespace Bot.GitHub.Webhooks.Payloads;

/// <summary><c>push</c> (no <c>action</c>).</summary>
public sealed record PushEvent : WebhookEvent
{
    /// <summary>40 zeros: <c>before</c> of a created ref, <c>after</c> of a deleted ref.</summary>
    public const string ZeroSha = "0000000000000000000000000000000000000000";

    [JsonIgnore]
    public override string EventName => WebhookEventNames.Push;

    /// <summary><c>refs/heads/x</c> or <c>refs/tags/x</c>.</summary>
    public required string Ref { get; init; }

    public required string Before { get; init; }

    public required string After { get; init; }

    public required bool Created { get; init; }

    public required bool Deleted { get; init; }

    public required bool Forced { get; init; }

    public string? BaseRef { get; init; }

    public required WebhookPusher Pusher { get; init; }

    /// <summary>Up to 2048 commits; compare <c>before...after</c> via REST to be exact.</summary>
    public required IReadOnlyList<WebhookPushCommit> Commits { get; init; }

    /// <summary>Null when the ref was deleted.</summary>
    public WebhookPushCommit? HeadCommit { get; init; }
}

public sealed record WebhookPusher
{
    public required string Name { get; init; }

    public string? Email { get; init; }
}

public sealed record WebhookPushCommit
{
    public required string Id { get; init; }

    public required string Message { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required WebhookCommitIdentity Author { get; init; }

    public required WebhookCommitIdentity Committer { get; init; }

    /// <summary>False when the commit was already pushed before (e.g. to another branch).</summary>
    public required bool Distinct { get; init; }

    /// <summary>Paths the commit added, removed and modified; null when the payload leaves them out.</summary>
    public IReadOnlyList<string>? Added { get; init; }

    public IReadOnlyList<string>? Removed { get; init; }

    public IReadOnlyList<string>? Modified { get; init; }
}

public sealed record WebhookCommitIdentity
{
    public required string Name { get; init; }

    public string? Email { get; init; }

    /// <summary>Absent when no GitHub account matches the e-mail.</summary>
    public string? Username { get; init; }
}
