using System.Globalization;

namespace Bot.Dashboard.Rendering;

/// <summary>How the pages write numbers, shares and times: invariant, UTC, the same everywhere.</summary>
public static class Show
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"33.3 %" of <paramref name="whole"/>; "–" when there is nothing to take a share of.</summary>
    public static string Share(long part, long whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first 7 characters of a commit SHA, as GitHub abbreviates it.</summary>
    public static string Sha(string? sha) => sha is null ? "" : sha.Length > 7 ? sha[..7] : sha;

    /// <summary>The first 16 hex digits of a hash with an ellipsis; the page shows the whole hash in its title.</summary>
    public static string Hash(string? hash) => hash is null ? "" : hash.Length > 16 ? hash[..16] + "…" : hash;

    /// <summary>"#123" for a pull request, a short SHA for a commit, the ids of a force push or deletion shortened.</summary>
    public static string ChangeName(string kind, string changeId, long? pullRequestNumber) =>
        pullRequestNumber is { } n ? "#" + n.ToString(CultureInfo.InvariantCulture)
        : changeId.Contains("..", StringComparison.Ordinal) ? string.Join("..", changeId.Split("..").Select(Sha))
        : Sha(changeId);

    public static string Kind(string kind) => kind switch
    {
        "pull_request" => "Pull request",
        "direct_push" => "Direct push",
        "force_push" => "Force push",
        "branch_deletion" => "Branch deletion",
        "scanned_commit" => "Scanned commit",
        _ => kind,
    };
}
