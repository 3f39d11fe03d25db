using Octokit;

namespace Bot.GitHub.Rest.OctokitBased;

// Shapes Octokit does not model as GitHub sends them, read by Octokit's own serializer (snake_case, setters by reflection).

/// <summary>A review whose <c>submitted_at</c> may be absent (a pending review).</summary>
internal sealed class OctokitReview
{
    public long Id { get; set; }

    public User? User { get; set; }

    public string State { get; set; } = "";

    public string? CommitId { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }
}

/// <summary>An issue comment with the <c>issue_url</c> that names its pull request.</summary>
internal sealed class OctokitIssueComment
{
    public long Id { get; set; }

    public string? Body { get; set; }

    public User? User { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? IssueUrl { get; set; }
}
