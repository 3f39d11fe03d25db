using System.Globalization;

namespace Bot.Evidence.Export;

/// <summary>Where a change's pull request, commit and check run are on GitHub: the export's link columns and the dashboard's
/// links, spelled in one place. <c>web</c> is the web base (https://github.com, or https://HOST for Enterprise Server).</summary>
public static class GitHubLinks
{
    public static string PullRequest(string web, string repository, long number) =>
        $"{web.TrimEnd('/')}/{repository}/pull/{number.ToString(CultureInfo.InvariantCulture)}";

    public static string Commit(string web, string repository, string sha) => $"{web.TrimEnd('/')}/{repository}/commit/{sha}";

    public static string CheckRun(string web, string repository, long checkRunId) =>
        $"{web.TrimEnd('/')}/{repository}/runs/{checkRunId.ToString(CultureInfo.InvariantCulture)}";
}
