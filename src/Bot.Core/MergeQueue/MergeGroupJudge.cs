using Bot.Core.Evaluation;
using Bot.Core.Model;

namespace Bot.Core.MergeQueue;

/// <summary>policy.md §9: whether a merge queue group may land. <c>success</c> when every pull request of the group has, on
/// its own head SHA, a newest decision of <c>success</c> (an approved override included) and every commit of the group is
/// one of those pull requests' commits or a commit GitHub made when it merged them; otherwise <c>failure</c>, naming each
/// pull request or commit not covered. Pure: the host gathers the facts (<see cref="Unplaced"/> tells it what is left
/// to look up) and passes them in.</summary>
public static class MergeGroupJudge
{
    public const string NotInScopeTitle = "Not in scope";

    // Decision conclusions as the evidence store keeps them (DecisionJson's camelCase names).
    private const string Success = "success";
    private const string NotInScope = "notInScope";

    private const int MaxTitleItems = 3;

    /// <summary>When a pull request of the group was found out of scope for the group's base branch (the branch is not in
    /// the policy's <c>branches</c>), so is the group: no commit needs reading. A decision made for another base (the pull
    /// request was retargeted since) says nothing about this one.</summary>
    public static bool IsOutOfScope(QueuedPullRequest? pullRequest, string baseBranch) =>
        pullRequest?.Decision is { Conclusion: NotInScope } decision && string.Equals(decision.BaseRef, baseBranch, StringComparison.Ordinal);

    /// <summary>The commits that neither a known pull request's decided head or commits nor GitHub's merge commits explain,
    /// oldest first: what is left to look up (in the evidence store as a decided head, then on GitHub).</summary>
    public static IReadOnlyList<CommitInfo> Unplaced(IReadOnlyList<CommitInfo> commits, IEnumerable<QueuedPullRequest> pullRequests, ServerFacts server)
    {
        ArgumentNullException.ThrowIfNull(commits);
        ArgumentNullException.ThrowIfNull(server);
        var owners = Owners(pullRequests);
        return commits.Where(c => !owners.ContainsKey(c.Sha) && !IsGitHubMerge(c, server)).ToList();
    }

    public static MergeGroupDecision Judge(MergeGroupInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pullRequests = input.PullRequests.OrderBy(p => p.Number).ToList();
        if (pullRequests.FirstOrDefault(p => IsOutOfScope(p, input.BaseBranch)) is { } outOfScope)
        {
            return new MergeGroupDecision(Conclusion.NotInScope, NotInScopeTitle,
                [Verdict(outOfScope, true, $"base branch {input.BaseBranch} is not covered by the policy's branches")], [], []);
        }

        var findings = new List<string>();
        var verdicts = pullRequests.Select(p => Judge(p, input.BaseBranch, findings)).ToList();
        var owners = Owners(pullRequests);
        var known = pullRequests.Select(p => p.Number).ToHashSet();
        var commits = input.Commits.Select(c => Place(c, owners, known, input.GitHubPullRequestsOfCommit, input.Server, findings)).ToList();
        if (pullRequests.Count == 0)
            findings.Insert(0, "no pull request could be found in the group");

        if (findings.Count > 0)
        {
            var notCovered = verdicts.Where(v => !v.Covered).Select(v => $"#{v.Number}")
                .Concat(commits.Where(c => !c.Covered).Select(c => $"commit {Wording.ShortSha(c.Sha)}"))
                .ToList();
            var title = notCovered.Count == 0
                ? "Merge group not covered"
                : "Not covered: " + string.Join(", ", notCovered.Take(MaxTitleItems)) + (notCovered.Count > MaxTitleItems ? $" and {notCovered.Count - MaxTitleItems} more" : "");
            return new MergeGroupDecision(Conclusion.Failure, title, verdicts, commits, findings);
        }
        return new MergeGroupDecision(Conclusion.Success,
            $"{Wording.Count(verdicts.Count, "pull request")} approved, {Wording.Count(commits.Count, "commit")} covered", verdicts, commits, []);
    }

    private static QueuedPullRequestVerdict Judge(QueuedPullRequest pullRequest, string baseBranch, List<string> findings)
    {
        var head = Wording.ShortSha(pullRequest.HeadSha);
        string? problem = pullRequest.Decision switch
        {
            null => $"#{pullRequest.Number}: no decision is recorded for its head {head}",
            { Conclusion: not (Success or NotInScope) } d => $"#{pullRequest.Number}: its newest decision on {head} is {d.Conclusion}: {d.Title}",
            { BaseRef: var decidedBase } when !string.Equals(decidedBase, baseBranch, StringComparison.Ordinal) =>
                $"#{pullRequest.Number}: it was decided for base branch {decidedBase}, the group is for {baseBranch}",
            _ => null,
        };
        if (problem is not null)
            findings.Add(problem);
        return Verdict(pullRequest, problem is null, problem is null ? $"{pullRequest.Decision!.Title} on {head}" : problem);
    }

    private static QueuedPullRequestVerdict Verdict(QueuedPullRequest p, bool covered, string note) =>
        new(p.Number, p.HeadSha, p.FoundBy, p.Decision?.Seq, p.Decision?.Hash, p.Decision?.Conclusion, covered, note);

    private static GroupCommit Place(CommitInfo commit, Dictionary<string, int> owners, HashSet<int> known,
        IReadOnlyDictionary<string, IReadOnlyList<int>> gitHubSays, ServerFacts server, List<string> findings)
    {
        if (owners.TryGetValue(commit.Sha, out var owner))
            return new GroupCommit(commit.Sha, commit.Subject, true, $"commit of #{owner}");
        if (IsGitHubMerge(commit, server))
            return new GroupCommit(commit.Sha, commit.Subject, true, "merge commit made by GitHub");

        var listed = gitHubSays.TryGetValue(commit.Sha, out var numbers) ? numbers.Where(known.Contains).Order().ToList() : [];
        string problem;
        if (listed.Count > 0 && IsMadeByGitHub(commit, server))
        {
            // With the squash or rebase method GitHub writes new commits for a queued pull request; it lists them for it.
            return new GroupCommit(commit.Sha, commit.Subject, true, $"made by GitHub for #{listed[0]} (squashed or rebased)");
        }
        problem = listed.Count > 0
            ? $"commit {Wording.Commit(commit)}: GitHub lists it for #{listed[0]}, but it is not among the commits the bot decided on at #{listed[0]}'s head"
            : $"commit {Wording.Commit(commit)} belongs to no pull request of the group";
        findings.Add(problem);
        return new GroupCommit(commit.Sha, commit.Subject, false, problem);
    }

    /// <summary>Commit SHA -> the pull request whose decided head or decided commits it is.</summary>
    private static Dictionary<string, int> Owners(IEnumerable<QueuedPullRequest> pullRequests)
    {
        var owners = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var pullRequest in pullRequests)
        {
            owners.TryAdd(pullRequest.HeadSha, pullRequest.Number);
            foreach (var sha in pullRequest.Decision?.CommitShas ?? [])
                owners.TryAdd(sha, pullRequest.Number);
        }
        return owners;
    }

    private static bool IsGitHubMerge(CommitInfo commit, ServerFacts server) => commit.IsMerge && IsMadeByGitHub(commit, server);

    /// <summary>GitHub commits what it merges, squashes and rebases (web UI and merge queue) as <c>web-flow</c>, known by its
    /// user id (policy.md §3: identities by id, never by login).</summary>
    private static bool IsMadeByGitHub(CommitInfo commit, ServerFacts server) => commit.CommitterUser?.Id == server.WebFlowUserId;
}
