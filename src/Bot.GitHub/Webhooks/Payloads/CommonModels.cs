namespace Bot.GitHub.Webhooks.Payloads;

/// <summary>A user, bot or organisation (<c>sender</c>, <c>user</c>, <c>owner</c>, <c>account</c>, ...).</summary>
public sealed record WebhookAccount
{
    public required string Login { get; init; }

    public required long Id { get; init; }

    /// <summary><c>User</c>, <c>Bot</c> or <c>Organization</c>.</summary>
    public string? Type { get; init; }
}

/// <summary>The <c>installation</c> object: only <c>id</c> on most events, the full object on installation events.</summary>
public sealed record WebhookInstallation
{
    public required long Id { get; init; }

    /// <summary>Present on <c>installation</c> / <c>installation_repositories</c> events only.</summary>
    public WebhookAccount? Account { get; init; }
}

public sealed record WebhookRepository
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public required string FullName { get; init; }

    public required WebhookAccount Owner { get; init; }

    public string? DefaultBranch { get; init; }
}

/// <summary>The reduced repository shape in installation payloads (<c>repositories</c>, <c>repositories_added</c>, ...).</summary>
public sealed record WebhookRepositoryName
{
    public required long Id { get; init; }

    public required string FullName { get; init; }
}

/// <summary><c>head</c> / <c>base</c> of a pull request.</summary>
public sealed record WebhookBranchRef
{
    public required string Ref { get; init; }

    public required string Sha { get; init; }
}

/// <summary>An entry of a check's <c>pull_requests[]</c> (empty for fork PRs).</summary>
public sealed record WebhookLinkedPullRequest
{
    public required int Number { get; init; }
}

public sealed record WebhookApp
{
    public required long Id { get; init; }
}
