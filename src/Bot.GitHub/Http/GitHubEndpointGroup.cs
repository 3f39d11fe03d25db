namespace Bot.GitHub.Http;

/// <summary>Turns a request path into the REST endpoint it calls, as GitHub's docs write it
/// (<c>/repos/{owner}/{repo}/pulls/{}/commits</c>): a metric label with a bounded set of values. Segments that are not
/// words of the REST API (owners, numbers, SHAs, file paths) become placeholders, so no repository or commit ever
/// becomes a label value of its own.</summary>
public static class GitHubEndpointGroup
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "access_tokens", "app", "attempts", "blobs", "branches", "check-runs", "check-suites", "collaborators", "comments",
        "commits", "compare", "contents", "deliveries", "events", "files", "git", "hook", "installation", "installations",
        "issues", "members", "memberships", "merges", "orgs", "permission", "protection", "pulls", "rate_limit", "ref",
        "refs", "repos", "repositories", "reviews", "rules", "status", "statuses", "teams", "trees", "users",
    };

    // REST routes alternate collection and member: what follows one of these names a member (a number, a login, a SHA).
    private static readonly HashSet<string> MemberFollows = new(StringComparer.Ordinal)
    {
        "branches", "check-runs", "check-suites", "collaborators", "comments", "commits", "deliveries", "installations", "issues",
        "members", "memberships", "orgs", "pulls", "reviews", "statuses", "teams", "users",
    };

    // Everything after these is one free-form value (a file path, "base...head").
    private static readonly HashSet<string> RestIsOneValue = new(StringComparer.Ordinal) { "contents", "compare" };

    private const int MaxSegments = 8;

    /// <param name="path">The request's absolute path, with or without a GHES <c>/api/v3</c> prefix.</param>
    public static string Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = Array.FindIndex(segments, s => s is "repos" or "app" or "installation" or "orgs" or "users" or "rate_limit");
        if (start < 0)
        {
            return "other";
        }

        var parts = new List<string>(MaxSegments);
        for (var i = start; i < segments.Length && parts.Count < MaxSegments; i++)
        {
            var segment = segments[i];
            var previous = parts.Count > 0 ? parts[^1] : null;
            if (segment == "repos" && i == start)
            {
                // The owner and the name may be anything, even "pulls": always placeholders.
                parts.Add("repos");
                parts.Add("{owner}");
                parts.Add("{repo}");
                i += 2;
                continue;
            }

            if (previous is not null && RestIsOneValue.Contains(previous))
            {
                parts.Add("{}");
                break;
            }

            parts.Add((previous is not null && MemberFollows.Contains(previous)) || !Words.Contains(segment) ? "{}" : segment);
        }

        return "/" + string.Join('/', parts);
    }
}
