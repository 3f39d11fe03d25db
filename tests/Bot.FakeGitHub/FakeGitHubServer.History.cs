using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Bot.FakeGitHub;

/// <summary>How the fake lands a pull request on its base branch, as GitHub's three merge buttons (and a merge queue) do.</summary>
public enum FakeMergeMethod
{
    Merge,
    Squash,
    Rebase,
}

/// <summary>What a merge did to the base branch: the tip before and after, and the commits added (oldest first), which is
/// what the push to the base branch reports.</summary>
public sealed record FakeLanding(string Before, string After, IReadOnlyList<FakeCommit> Commits);

/// <summary>A repository commit graph: branches, pull request branches and merges build it; the history listing
/// (<c>GET /repos/{o}/{r}/commits</c>), single commits, compare and the branch list read it, as GitHub computes them from
/// git. Every change of a branch moves the repository's <c>pushed_at</c>.</summary>
public sealed partial class FakeGitHubServer
{
    /// <summary>GitHub's <c>web-flow</c> account (github.com's id), which commits what people do in the web UI.</summary>
    public static readonly FakeUser WebFlow = new(19864447, "web-flow");

    private readonly Dictionary<string, FakeHistory> _histories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A commit on top of <paramref name="branch"/> (its first commit when the branch does not exist yet); the branch
    /// moves to it, pushed at <paramref name="at"/> (default: now), which is also the commit's date.</summary>
    public FakeCommit AddBranchCommit(string repo, string branch, string sha, string message, FakeUser author, FakeUser? committer = null, DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            var repository = Repo(repo);
            var history = History(repo);
            var when = at ?? DateTimeOffset.UtcNow;
            var commit = NewCommit(sha, message, author, committer ?? author, history.Tip(branch) is { } tip ? [tip] : [], when);
            history.Add(commit);
            history.SetTip(branch, sha);
            repository.PushedAt = when;
            return commit;
        }
    }

    /// <summary>Points <paramref name="branch"/> at a commit already in the graph, now: creates the branch, or rewrites its
    /// history (a force push) when the commit does not descend from the old tip.</summary>
    public void SetBranch(string repo, string branch, string sha)
    {
        lock (_gate)
        {
            var repository = Repo(repo);
            var history = History(repo);
            if (history.Find(sha) is null)
                throw new ArgumentException($"No commit {sha} in {repo}.", nameof(sha));
            history.SetTip(branch, sha);
            repository.PushedAt = DateTimeOffset.UtcNow;
        }
    }

    public void DeleteBranch(string repo, string branch)
    {
        lock (_gate)
        {
            var repository = Repo(repo);
            History(repo).RemoveTip(branch);
            repository.PushedAt = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>The branch's current tip, or null.</summary>
    public string? BranchTip(string repo, string branch)
    {
        lock (_gate)
        {
            return History(repo).Tip(branch);
        }
    }

    /// <summary>A commit on the pull request's branch: its first commit forks from the base branch's current tip. The pull
    /// request's head moves to it.</summary>
    public FakeCommit AddPullRequestCommit(FakePullRequest pr, string sha, string message, FakeUser author)
    {
        lock (_gate)
        {
            var history = History(pr.Repository.FullName);
            string[] parents = pr.Commits.Count > 0 ? [pr.Commits[^1].Sha] : history.Tip(pr.BaseRef) is { } fork ? [fork] : [];
            var commit = NewCommit(sha, message, author, author, parents, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(pr.Commits.Count));
            history.Add(commit);
            pr.Commits.Add(commit);
            pr.HeadSha = sha;
            return commit;
        }
    }

    /// <summary>Lands the pull request on its base branch as GitHub does: a merge commit (parents: the base tip and the head),
    /// a squash commit by the pull request's author, or copies of its commits (same message and author, new committer and
    /// parents); GitHub's <c>web-flow</c> commits them. The pull request becomes merged, its <c>merge_commit_sha</c> the
    /// merge commit, the squash commit or the last copy. <paramref name="squashMessage"/> replaces GitHub's default message.</summary>
    public FakeLanding Merge(FakePullRequest pr, FakeMergeMethod method, FakeUser mergedBy, DateTimeOffset mergedAt, string? squashMessage = null)
    {
        lock (_gate)
        {
            var history = History(pr.Repository.FullName);
            var before = history.Tip(pr.BaseRef) ?? throw new InvalidOperationException($"branch {pr.BaseRef} has no commits in the fake");
            var tip = before;
            var landed = new List<FakeCommit>();
            void Land(FakeCommit commit)
            {
                history.Add(commit);
                landed.Add(commit);
                tip = commit.Sha;
            }

            switch (method)
            {
                case FakeMergeMethod.Merge:
                    landed.AddRange(history.Between(before, pr.HeadSha));
                    Land(NewCommit(GeneratedSha(pr, "merge"), $"Merge pull request #{pr.Number} from {pr.Repository.Owner}/{pr.HeadRef}\n\n{pr.Title}",
                        mergedBy, WebFlow, [before, pr.HeadSha], mergedAt));
                    break;
                case FakeMergeMethod.Squash:
                    Land(NewCommit(GeneratedSha(pr, "squash"), squashMessage ?? DefaultSquashMessage(pr), pr.Author, WebFlow, [before], mergedAt));
                    break;
                case FakeMergeMethod.Rebase:
                    foreach (var original in pr.Commits.Where(c => c.Parents.Count == 1))
                        Land(original with { Sha = GeneratedSha(pr, original.Sha), CommitterName = WebFlow.Login, CommitterEmail = "noreply@github.com", CommitterUser = WebFlow, Parents = [tip] });
                    break;
            }

            history.SetTip(pr.BaseRef, tip);
            pr.Repository.PushedAt = mergedAt;
            pr.State = "closed";
            pr.Merged = true;
            pr.MergeCommitSha = tip;
            pr.MergedAt = mergedAt;
            pr.MergedBy = mergedBy;
            pr.LandedShas.UnionWith(landed.Select(c => c.Sha));
            return new FakeLanding(before, tip, landed);
        }
    }

    /// <summary>GitHub's default: the title with the number, then each commit's message as a bullet (so the last commit's
    /// trailers end the message).</summary>
    private static string DefaultSquashMessage(FakePullRequest pr) =>
        $"{pr.Title} (#{pr.Number})\n\n{string.Join("\n\n", pr.Commits.Select(c => "* " + c.Message.TrimEnd('\n')))}\n";

    private FakeHistory History(string repo)
    {
        if (!_histories.TryGetValue(repo, out var history))
            _histories[repo] = history = new FakeHistory();
        return history;
    }

    private static FakeCommit NewCommit(string sha, string message, FakeUser author, FakeUser committer, IReadOnlyList<string> parents, DateTimeOffset date) =>
        new(sha, message, author.Login, $"{author.Login}@example.com", author,
            committer.Login, ReferenceEquals(committer, WebFlow) ? "noreply@github.com" : $"{committer.Login}@example.com", committer, parents, date);

    /// <summary>The same pull request merged the same way gets the same SHAs in any repository, so that tests can compare
    /// what two repositories recorded.</summary>
    private static string GeneratedSha(FakePullRequest pr, string what) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"#{pr.Number}:{what}")))[..40];

    /// <summary>Compare computed from the graph, for refs the test did not give a canned comparison; null when unknown.</summary>
    private FakeComparison? CompareHistory(FakeRepository repo, string baseRef, string headRef)
    {
        var history = History(repo.FullName);
        if (history.Resolve(baseRef) is not { } baseSha || history.Resolve(headRef) is not { } headSha)
            return null;
        var ahead = history.Between(baseSha, headSha);
        var behind = history.Between(headSha, baseSha);
        var status = (ahead.Count, behind.Count) switch
        {
            (0, 0) => "identical",
            (_, 0) => "ahead",
            (0, _) => "behind",
            _ => "diverged",
        };
        return new FakeComparison(status, ahead, []);
    }

    /// <summary><c>GET /repos/{o}/{r}/commits?sha=</c>: the history below a branch or commit, newest first, paged.</summary>
    private async Task ListCommits(HttpContext context)
    {
        var repo = RequireRepo(context);
        List<object> commits;
        lock (_gate)
        {
            var history = History(repo.FullName);
            var start = history.Resolve(FakeHttp.Query(context, "sha") ?? repo.DefaultBranch)
                ?? throw new FakeHttpError(404, "Not Found");
            commits = history.Log(start).Select(FakeJson.Commit).ToList();
        }

        await FakeHttp.WriteJsonAsync(context, FakeHttp.Page(context, commits));
    }

    /// <summary><c>GET /repos/{o}/{r}/branches</c>: every branch with its tip, by name, paged.</summary>
    private async Task ListBranches(HttpContext context)
    {
        var repo = RequireRepo(context);
        List<object> branches;
        lock (_gate)
        {
            branches = History(repo.FullName).Branches
                .Select(b => (object)new { name = b.Key, commit = new { sha = b.Value, url = $"{BaseUrl.AbsoluteUri.TrimEnd('/')}/repos/{repo.FullName}/commits/{b.Value}" }, @protected = false })
                .ToList();
        }

        await FakeHttp.WriteJsonAsync(context, FakeHttp.Page(context, branches));
    }

    /// <summary><c>GET /repos/{o}/{r}/commits/{ref}</c>: one commit with its parents; GitHub answers 422 for an unknown SHA.</summary>
    private async Task GetCommit(HttpContext context)
    {
        var repo = RequireRepo(context);
        var gitRef = Uri.UnescapeDataString((string)context.Request.RouteValues["sha"]!);
        object commit;
        lock (_gate)
        {
            var history = History(repo.FullName);
            var found = history.Resolve(gitRef) is { } sha ? history.Find(sha)
                : repo.PullRequests.SelectMany(p => p.Commits).FirstOrDefault(c => c.Sha == gitRef);
            commit = FakeJson.Commit(found ?? throw new FakeHttpError(422, $"No commit found for SHA: {gitRef}"));
        }

        await FakeHttp.WriteJsonAsync(context, commit);
    }
}
