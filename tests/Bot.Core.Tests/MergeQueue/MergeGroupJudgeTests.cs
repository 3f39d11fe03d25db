using Bot.Core.MergeQueue;
using Bot.Core.Model;
using NUnit.Framework;

namespace Bot.Core.Tests.MergeQueue;

public sealed class MergeGroupJudgeTests
{
    private static readonly GitHubUser Alice = new(1001, "alice");
    private static readonly GitHubUser Mallory = new(1666, "mallory");
    private static readonly GitHubUser WebFlow = new(19864447, "web-flow");
    private const string Base = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static string Sha(int n) => $"{n:x7}".PadRight(40, 'c');

    private static CommitInfo Commit(int n, GitHubUser committer, int parents = 1, string subject = "Change") =>
        new(Sha(n), subject, new GitIdentity("a", "a@example.com"), new GitIdentity(committer.Login, "c@example.com"), Alice, committer, parents);

    private static QueuedPullRequest Pr(int number, int head, string conclusion = "success", string baseRef = "main", params int[] commits) =>
        new(number, Sha(head), "named by the group's head ref",
            new RecordedDecision(10 + number, new string('h', 64), conclusion, "All rules passed", baseRef, [.. commits.Append(head).Select(Sha)]));

    private static MergeGroupDecision Judge(IReadOnlyList<CommitInfo> commits, IReadOnlyList<QueuedPullRequest> prs,
        Dictionary<string, IReadOnlyList<int>>? gitHub = null) =>
        MergeGroupJudge.Judge(new MergeGroupInput(Sha(99), Base, "main", commits, prs, gitHub ?? []));

    [Test]
    public void Pull_request_commits_and_githubs_merge_commit_are_covered()
    {
        var decision = Judge([Commit(1, Alice), Commit(2, Alice), Commit(99, WebFlow, parents: 2)], [Pr(7, head: 2, commits: 1)]);

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Success));
        Assert.That(decision.Commits.Select(c => c.Placement), Is.EqualTo(new[] { "commit of #7", "commit of #7", "merge commit made by GitHub" }));
        Assert.That(decision.PullRequests.Single().DecisionSeq, Is.EqualTo(17));
    }

    [Test]
    public void GitHubs_merge_commits_are_known_by_the_servers_web_flow_id_not_the_login()
    {
        var impostor = new GitHubUser(4242, "web-flow");
        var enterpriseWebFlow = new GitHubUser(77, "web-flow");
        IReadOnlyList<CommitInfo> byImpostor = [Commit(2, Alice), Commit(3, impostor, parents: 2)];
        IReadOnlyList<CommitInfo> byEnterprise = [Commit(2, Alice), Commit(3, enterpriseWebFlow, parents: 2)];

        Assert.That(Judge(byImpostor, [Pr(7, head: 2)]).Conclusion, Is.EqualTo(Conclusion.Failure));
        Assert.That(Judge(byEnterprise, [Pr(7, head: 2)]).Conclusion, Is.EqualTo(Conclusion.Failure), "github.com's id is the default");
        var onEnterprise = MergeGroupJudge.Judge(new MergeGroupInput(Sha(99), Base, "main", byEnterprise, [Pr(7, head: 2)], new Dictionary<string, IReadOnlyList<int>>())
            { Server = new ServerFacts(77) });
        Assert.That(onEnterprise.Conclusion, Is.EqualTo(Conclusion.Success));
    }

    [Test]
    public void A_merge_commit_someone_else_made_is_not_covered()
    {
        var decision = Judge([Commit(2, Alice), Commit(3, Mallory, parents: 2, subject: "Merge main")], [Pr(7, head: 2)]);

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Failure));
        Assert.That(decision.Findings, Is.EqualTo(new[] { $"commit {Sha(3)[..7]} Merge main belongs to no pull request of the group" }));
        Assert.That(MergeGroupJudge.Unplaced([Commit(2, Alice), Commit(3, Mallory, parents: 2)], [Pr(7, head: 2)], ServerFacts.GitHubCom).Select(c => c.Sha),
            Is.EqualTo(new[] { Sha(3) }), "it is what the host asks GitHub about");
    }

    [Test]
    public void Unplaced_leaves_out_what_known_pull_requests_and_githubs_merges_explain()
    {
        var commits = new[] { Commit(1, Alice), Commit(2, Alice), Commit(4, WebFlow, parents: 2), Commit(5, Alice), Commit(6, WebFlow) };

        Assert.That(MergeGroupJudge.Unplaced(commits, [Pr(7, head: 2, commits: 1)], ServerFacts.GitHubCom).Select(c => c.Sha), Is.EqualTo(new[] { Sha(5), Sha(6) }));
    }

    [Test]
    public void A_copy_github_made_and_lists_for_a_group_pull_request_is_covered_but_not_one_it_lists_for_another()
    {
        var gitHub = new Dictionary<string, IReadOnlyList<int>> { [Sha(5)] = [7], [Sha(6)] = [8] };

        var decision = Judge([Commit(5, WebFlow), Commit(6, WebFlow)], [Pr(7, head: 2)], gitHub);

        Assert.That(decision.Commits.Select(c => c.Covered), Is.EqualTo(new[] { true, false }));
        Assert.That(decision.Commits[0].Placement, Is.EqualTo("made by GitHub for #7 (squashed or rebased)"));
    }

    [TestCase("pending", "#7: its newest decision on 0000002 is pending: All rules passed", TestName = "Judge_PendingDecision_IsNotCovered")]
    [TestCase("failure", "#7: its newest decision on 0000002 is failure: All rules passed", TestName = "Judge_FailedDecision_IsNotCovered")]
    public void A_decision_other_than_success_fails_the_group(string conclusion, string finding)
    {
        var decision = Judge([Commit(2, Alice)], [Pr(7, head: 2, conclusion: conclusion)]);

        Assert.That((decision.Conclusion, decision.Title), Is.EqualTo((Conclusion.Failure, "Not covered: #7")));
        Assert.That(decision.Findings, Is.EqualTo(new[] { finding }));
    }

    [Test]
    public void A_pull_request_without_a_decision_on_its_head_fails_the_group()
    {
        var decision = Judge([Commit(2, Alice)], [new QueuedPullRequest(7, Sha(2), "named by the group's head ref", null)]);

        Assert.That(decision.Findings, Is.EqualTo(new[] { "#7: no decision is recorded for its head 0000002" }));
    }

    [Test]
    public void A_decision_made_for_another_base_branch_does_not_cover_the_group()
    {
        var decision = Judge([Commit(2, Alice)], [Pr(7, head: 2, baseRef: "release/1")]);

        Assert.That(decision.Findings, Is.EqualTo(new[] { "#7: it was decided for base branch release/1, the group is for main" }));
    }

    [Test]
    public void A_group_with_no_pull_request_fails()
    {
        var decision = Judge([Commit(2, WebFlow, parents: 2)], []);

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Failure));
        Assert.That(decision.Findings, Is.EqualTo(new[] { "no pull request could be found in the group" }));
    }

    [Test]
    public void A_pull_request_found_out_of_scope_makes_the_group_not_in_scope_without_reading_commits()
    {
        var named = Pr(7, head: 2, conclusion: "notInScope");

        Assert.That(MergeGroupJudge.IsOutOfScope(named, "main"), Is.True);
        Assert.That(MergeGroupJudge.IsOutOfScope(Pr(7, head: 2), "main"), Is.False);
        var decision = Judge([], [named]);
        Assert.That((decision.Conclusion, decision.Title), Is.EqualTo((Conclusion.NotInScope, "Not in scope")));
    }

    [Test]
    public void Out_of_scope_for_another_base_branch_does_not_make_the_group_out_of_scope()
    {
        // Decided "not in scope" into experiments/x, then retargeted to main without the bot deciding again.
        var retargeted = Pr(7, head: 2, conclusion: "notInScope", baseRef: "experiments/x");

        Assert.That(MergeGroupJudge.IsOutOfScope(retargeted, "main"), Is.False);
        var decision = Judge([Commit(2, Alice)], [retargeted]);
        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Failure));
        Assert.That(decision.Findings, Is.EqualTo(new[] { "#7: it was decided for base branch experiments/x, the group is for main" }));
    }

    [Test]
    public void The_title_names_at_most_three_things_not_covered()
    {
        var decision = Judge([Commit(2, Alice), Commit(3, Mallory), Commit(4, Mallory), Commit(5, Mallory)], [Pr(7, head: 2, conclusion: "failure")]);

        Assert.That(decision.Title, Is.EqualTo($"Not covered: #7, commit {Sha(3)[..7]}, commit {Sha(4)[..7]} and 1 more"));
    }

    [Test]
    public void The_decision_serialises_to_canonical_json_and_back()
    {
        var decision = Judge([Commit(1, Alice), Commit(2, Alice)], [Pr(7, head: 2, commits: 1)]);

        var json = MergeGroupJson.Serialize(decision);

        Assert.That(json, Does.StartWith("{\"conclusion\":\"success\",\"title\":"));
        Assert.That(MergeGroupJson.Serialize(MergeGroupJson.Deserialize(json)), Is.EqualTo(json));
    }
}
