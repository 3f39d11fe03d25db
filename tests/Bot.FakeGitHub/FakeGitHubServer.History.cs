using Microsoft.AspNetCore.Http;

namespace Bot.FakeGitHub;

/// <summary>What the reconciliation reads: git history (commits and branch tips, the branch list, compare worked out from
/// the commit graph, <c>pushed_at</c>), pull requests merged onto a branch, reviewed or changed at a given time, and check
/// runs left by an earlier run of the bot.</summary>
public sealed partial class FakeGitHubServer
{
    /// <summary>A commit on <paramref name="branch"/> whose parent is the branch's tip (none for a new branch); the branch
    /// moves to it and the repository's <c>pushed_at</c> to <paramref name="at"/> (default: now), also the commit's date.</summary>
    public FakeCommit PushCommit(string repo, string branch, string sha, string message, FakeUser? author, DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            var repository = Repo(repo);
            string[] parents = repository.Branches.TryGetValue(branch, out var tip) ? [tip] : [];
            var when = at ?? DateTimeOffset.UtcNow;
            var name = author?.Login ?? "Unlinked Person";
            var commit = new FakeCommit(sha, message, name, $"{name.Replace(' ', '.').ToLowerInvariant()}@example.com", author,
                name, $"{name.Replace(' ', '.').ToLowerInvariant()}@example.com", author, parents, when);
            repository.GitCommits[sha] = commit;
            repository.Branches[branch] = sha;
            repository.PushedAt = when;
            return commit;
        }
    }

    /// <summary>Points <paramref name="branch"/> at a commit already in the history: creates the branch, or rewrites its
    /// history (a force push) when the commit does not descend from the old tip.</summary>
    public void SetBranch(string repo, string branch, string sha)
    {
        lock (_gate)
        {
            var repository = Repo(repo);
            if (!repository.GitCommits.ContainsKey(sha))
            {
                throw new ArgumentException($"No commit {sha} in {repo}.", nameof(sha));
            }

            repository.Branches[branch] = sha;
            repository.PushedAt = DateTimeOffset.UtcNow;
        }
    }

    public void DeleteBranch(string repo, string branch)
    {
        lock (_gate)
        {
            var repository = Repo(repo);
            repository.Branches.Remove(branch);
            repository.PushedAt = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>Squash-merges the pull request onto its base branch as <paramref name="squashSha"/> ("title (#n)" unless
    /// <paramref name="message"/> says otherwise), merged by <paramref name="mergedBy"/> at <paramref name="at"/> (default: now).
    /// GitHub then reports the merge commit, merged_at, merged_by and the base tip it merged onto.</summary>
    public FakeCommit SquashMerge(FakePullRequest pr, string squashSha, FakeUser mergedBy, string? message = null, DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            var repository = pr.Repository;
            pr.BaseSha = repository.Branches.TryGetValue(pr.BaseRef, out var tip)
                ? tip
                : throw new ArgumentException($"{repository.FullName} has no branch {pr.BaseRef} to merge onto.", nameof(pr));
            var commit = PushCommit(repository.FullName, pr.BaseRef, squashSha, message ?? $"{pr.Title} (#{pr.Number})", pr.Author, at);
            SetMerged(pr, squashSha);
            pr.MergedAt = commit.Date;
            pr.MergedBy = mergedBy;
            return commit;
        }
    }

    /// <summary>A review submitted at <paramref name="submittedAt"/> (<see cref="AddReview"/> dates reviews in 2024); the
    /// pull request's <c>updated_at</c> moves with it, as on GitHub.</summary>
    public FakeReview AddReviewAt(FakePullRequest pr, FakeUser user, string state, DateTimeOffset submittedAt)
    {
        lock (_gate)
        {
            var review = AddReview(pr, user, state) with { SubmittedAt = submittedAt };
            pr.Reviews[^1] = review;
            return review;
        }
    }

    /// <summary>Sets when GitHub last changed the pull request (its <c>updated_at</c>, unless a later review moves it).</summary>
    public void SetUpdatedAt(FakePullRequest pr, DateTimeOffset at)
    {
        lock (_gate)
        {
            pr.Touch(at);
        }
    }

    /// <summary>A check run of this App that exists on GitHub already (posted by an earlier run of the bot).</summary>
    public FakeCheckRun AddCheckRun(string repo, string headSha, string name, string status, string? conclusion = null, string? title = null)
    {
        lock (_gate)
        {
            var run = new FakeCheckRun(++_nextId, name, headSha, status, conclusion, null, null, title, null, null,
                long.Parse(AppId, System.Globalization.CultureInfo.InvariantCulture), null, null, 0);
            Repo(repo).CheckRuns.Add(run);
            return run;
        }
    }

    /// <summary><c>base...head</c> from the commit graph: the commits reachable from head and not from base, parents before
    /// children; null when either side is unknown (GitHub: 404).</summary>
    private static FakeComparison? CompareHistory(FakeRepository repo, string baseRef, string headRef)
    {
        string? Resolve(string gitRef) =>
            repo.Branches.TryGetValue(gitRef, out var tip) ? tip : repo.GitCommits.ContainsKey(gitRef) ? gitRef : null;

        if (Resolve(baseRef) is not { } baseSha || Resolve(headRef) is not { } headSha)
        {
            return null;
        }

        var fromBase = Ancestry(repo, baseSha);
        var fromHead = Ancestry(repo, headSha);
        var status = baseSha == headSha ? "identical"
            : fromHead.Contains(baseSha) ? "ahead"
            : fromBase.Contains(headSha) ? "behind"
            : "diverged";
        var commits = new List<FakeCommit>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string sha)
        {
            if (fromBase.Contains(sha) || !visited.Add(sha) || !repo.GitCommits.TryGetValue(sha, out var commit))
            {
                return;
            }

            foreach (var parent in commit.Parents)
            {
                Visit(parent);
            }

            commits.Add(commit);
        }

        Visit(headSha);
        return new FakeComparison(status, commits, []);
    }

    private static HashSet<string> Ancestry(FakeRepository repo, string sha)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([sha]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next) && repo.GitCommits.TryGetValue(next, out var commit))
            {
                foreach (var parent in commit.Parents)
                {
                    pending.Push(parent);
                }
            }
        }

        return seen;
    }

    private async Task ListBranches(HttpContext context)
    {
        var repo = RequireRepo(context);
        List<object> branches;
        lock (_gate)
        {
            branches = repo.Branches.OrderBy(b => b.Key, StringComparer.Ordinal)
                .Select(b => (object)new { name = b.Key, commit = new { sha = b.Value, url = $"{BaseUrl.AbsoluteUri.TrimEnd('/')}/repos/{repo.FullName}/commits/{b.Value}" }, @protected = false })
                .ToList();
        }

        await FakeHttp.WriteJsonAsync(context, FakeHttp.Page(context, branches));
    }
}
