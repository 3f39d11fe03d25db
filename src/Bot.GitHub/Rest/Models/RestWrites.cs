namespace Bot.GitHub.Rest.Models;

// Request bodies as GitHub expects them (snake_case, null fields omitted, timestamps as YYYY-MM-DDTHH:MM:SSZ).

internal sealed class RestCheckRunOutputWrite
{
    public string Title { get; init; } = "";

    public string Summary { get; init; } = "";

    public string? Text { get; init; }
}

internal sealed class RestCheckRunWrite
{
    public string? Name { get; init; }

    public string? HeadSha { get; init; }

    public string? Status { get; init; }

    public string? Conclusion { get; init; }

    public string? ExternalId { get; init; }

    public string? DetailsUrl { get; init; }

    public string? StartedAt { get; init; }

    public string? CompletedAt { get; init; }

    public RestCheckRunOutputWrite? Output { get; init; }
}

internal sealed class RestCommitStatusWrite
{
    public string State { get; init; } = "";

    public string? TargetUrl { get; init; }

    public string? Description { get; init; }

    public string Context { get; init; } = "";
}

internal sealed class RestIssueCommentWrite
{
    public string Body { get; init; } = "";
}
