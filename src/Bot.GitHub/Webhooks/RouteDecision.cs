namespace Bot.GitHub.Webhooks;

/// <summary>
/// Whether the bot acts on a delivery, why, and the work key to serialise and collapse work by.
/// Identity fields are filled whenever the payload has them, also for ignored deliveries (useful in logs).
/// </summary>
public sealed record RouteDecision
{
    public required bool Act { get; init; }

    /// <summary>One line, e.g. <c>pull_request opened is acted on</c> or <c>event ping is not acted on</c>.</summary>
    public required string Reason { get; init; }

    public required string EventName { get; init; }

    public string? Action { get; init; }

    public long? InstallationId { get; init; }

    /// <summary><c>owner/name</c>; null for installation-level events.</summary>
    public string? Repository { get; init; }

    /// <summary>Set when the payload names exactly one pull request.</summary>
    public int? PullRequestNumber { get; init; }

    /// <summary>The commit the delivery is about (PR head, pushed tip, checked commit); null when none exists (ref deleted).</summary>
    public string? HeadSha { get; init; }

    /// <summary>
    /// Deliveries with equal keys concern the same unit of work and may be serialised and collapsed:
    /// <c>installation/owner/name#pr</c>, else <c>installation/owner/name@sha</c>, else <c>installation/owner/name</c>,
    /// else <c>installation</c>. Null when there is no installation (nothing can be done without one).
    /// </summary>
    public string? WorkKey => InstallationId switch
    {
        null => null,
        var id when Repository is null => $"{id}",
        var id when PullRequestNumber is { } pr => $"{id}/{Repository}#{pr}",
        var id when HeadSha is { } sha => $"{id}/{Repository}@{sha}",
        var id => $"{id}/{Repository}",
    };
}
