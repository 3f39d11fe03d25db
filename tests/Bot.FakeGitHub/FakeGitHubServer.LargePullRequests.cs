using Microsoft.AspNetCore.Http;

namespace Bot.FakeGitHub;

/// <summary>GitHub's caps on what a large pull request's lists hold (github-api-notes §4.2, §4.4, §4.6), and
/// <c>compare {base}...{head}</c> of a pull request derived from its commits, so a test of a big pull request needs no
/// <see cref="SetCompare"/> call.</summary>
public sealed partial class FakeGitHubServer
{
    /// <summary><c>GET .../pulls/{n}/commits</c> lists at most this many commits, the oldest first.</summary>
    public const int PullRequestCommitsCap = 250;

    /// <summary><c>GET .../pulls/{n}/files</c> lists at most this many files.</summary>
    public const int PullRequestFilesCap = 3000;

    /// <summary><c>compare</c> without <c>per_page</c>/<c>page</c> holds at most this many commits; with them it pages through all.</summary>
    public const int CompareUnpagedCommitsCap = 250;

    /// <summary><c>compare</c> lists files on its first page only, at most this many.</summary>
    public const int CompareFilesCap = 300;

    /// <summary>A recorded comparison, else the one of a pull request whose head (SHA or branch) is <paramref name="head"/> and
    /// whose base (the SHA the fake reports as <c>base.sha</c>, or the branch) is <paramref name="base"/>: its commits and files.
    /// Call with the lock held.</summary>
    private FakeComparison? FindComparison(FakeRepository repo, string @base, string head)
    {
        if (repo.Comparisons.TryGetValue((@base, head), out var recorded))
        {
            return recorded;
        }

        var pr = repo.PullRequests.LastOrDefault(p =>
            (p.HeadSha == head || p.HeadRef == head) && (p.BaseRef == @base || FakeJson.BaseSha(p) == @base));
        return pr is null ? null : new FakeComparison("ahead", pr.Commits.ToList(), pr.Files.ToList());
    }

    /// <summary>The commits of one compare response: the requested page when the client pages, else the first 250.</summary>
    private static IReadOnlyList<object> CompareCommits(HttpContext context, IReadOnlyList<FakeCommit> commits)
    {
        var paged = FakeHttp.Query(context, "per_page") is not null || FakeHttp.Query(context, "page") is not null;
        return paged
            ? FakeHttp.Page(context, commits.Select(FakeJson.Commit).ToList())
            : commits.Take(CompareUnpagedCommitsCap).Select(FakeJson.Commit).ToList();
    }
}
