using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.Tests.Support;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.MergeQueue;

/// <summary>policy.md §9 end to end: pull requests are evaluated through their own deliveries first (so the evidence store
/// holds their decisions), then a signed <c>merge_group</c> delivery in the real payload's shape asks for the check on the
/// group's head commit, whose commits the fake GitHub serves through compare.</summary>
public sealed class MergeQueueScenarioTests : BotScenario
{
    private const string CompareRoute = "GET /repos/{owner}/{repo}/compare/{**basehead}";
    private const string PullsForCommitRoute = "GET /repos/{owner}/{repo}/commits/{sha}/pulls";
    private const string CreateCheckRunRoute = "POST /repos/{owner}/{repo}/check-runs";
    private static readonly string Base = Sha("ba5e");

    private static string Sha(string prefix) => prefix.PadRight(40, '0');

    /// <summary>An AI-assisted pull request of Alice's with one commit, approved by Bob unless told otherwise, evaluated
    /// through its opened delivery.</summary>
    private async Task<FakePullRequest> EvaluatedPullRequestAsync(int number, bool approved = true, string body = PullRequestBodies.AiDeclared)
    {
        var head = Sha($"{number:x2}c");
        var pr = _bot.GitHub.AddPullRequest(Repo, number, Alice, head, body: body, title: $"Change {number}", headRef: $"feature-{number}");
        _bot.GitHub.AddCommit(pr, Sha($"{number:x2}a"), $"Prepare change {number}\n\nAI-Assisted: Cursor 0.45\n", Alice);
        _bot.GitHub.AddCommit(pr, head, $"Finish change {number}\n\nAI-Assisted: Cursor 0.45\n", Alice);
        _bot.GitHub.AddFile(pr, $"src/change{number}.cs");
        if (approved)
            _bot.GitHub.AddReview(pr, Bob, "APPROVED");
        await _bot.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, number, head));
        Assert.That(await _bot.Store.Decisions.LatestAsync(Repo, number), Is.Not.Null, $"#{number} was decided");
        return pr;
    }

    /// <summary>The pull request's own commits, as the "merge" method puts them into the group.</summary>
    private static IEnumerable<FakeCommit> CommitsOf(FakePullRequest pr) =>
        [FakeGitHubServer.LooseCommit(Sha($"{pr.Number:x2}a"), Base, $"Prepare change {pr.Number}\n\nAI-Assisted: Cursor 0.45\n", Alice),
         FakeGitHubServer.LooseCommit(pr.HeadSha, Sha($"{pr.Number:x2}a"), $"Finish change {pr.Number}\n\nAI-Assisted: Cursor 0.45\n", Alice)];

    /// <summary>Sends checks_requested for the group and waits for its check run; the API calls of that one evaluation are
    /// in <see cref="FakeGitHubServer.Calls"/> afterwards.</summary>
    private async Task<FakeCheckRun> RequestChecksAsync(string groupHead, FakePullRequest named)
    {
        _bot.GitHub.Calls.Reset();
        await _bot.DeliverAndDrainAsync("merge_group", MergeGroupPayloads.ChecksRequested(Repo, groupHead, Base, named.Number, named.HeadSha));
        var run = _bot.GitHub.CheckRuns(Repo).LastOrDefault(r => r.HeadSha == groupHead);
        Assert.That(run, Is.Not.Null, "the group's head commit got a check run");
        Assert.That(run!.Name, Is.EqualTo("AI Change Control"), "the same check the branch requires");
        return run;
    }

    [Test]
    public async Task An_approved_pull_request_in_the_queue_gets_success_on_the_group_head_with_one_read_of_github()
    {
        var pr = await EvaluatedPullRequestAsync(1);
        var groupHead = Sha("9001");
        _bot.GitHub.QueueMergeGroup(Repo, Base, groupHead, [.. CommitsOf(pr), FakeGitHubServer.GitHubMergeCommit(groupHead, Base, pr, Alice)]);

        var run = await RequestChecksAsync(groupHead, pr);

        Assert.That((run.Status, run.Conclusion), Is.EqualTo(("completed", "success")), run.Summary);
        Assert.That(run.Title, Is.EqualTo("1 pull request approved, 3 commits covered"));
        var summary = RenderedText.Visible(run.Summary);
        Assert.That(summary, Does.Contain("✅ #1 at 01c0000"));
        Assert.That(summary, Does.Contain("merge commit made by GitHub"));
        // The decisions were in the store: GitHub is read once, for the group's commits, and written once, for the check.
        Assert.That(_bot.GitHub.Calls.For(CompareRoute), Is.EqualTo(1));
        Assert.That(_bot.GitHub.Calls.For(PullsForCommitRoute), Is.Zero);
        Assert.That(_bot.GitHub.Calls.For(CreateCheckRunRoute), Is.EqualTo(1));
        TestContext.Out.WriteLine($"API calls for one merge group evaluation (merge method, 1 PR): {_bot.GitHub.Calls.Total} " +
            string.Join(", ", _bot.GitHub.Calls.ByRoute.Select(kv => $"{kv.Key} x{kv.Value}")));

        var recorded = await _bot.Store.MergeGroups.LatestForHeadAsync(Repo, groupHead);
        Assert.That(recorded, Is.Not.Null, "the group's decision is evidence");
        Assert.That((recorded!.Record.Conclusion, recorded.Record.CheckRunId, recorded.Record.BaseRef, recorded.Record.BaseSha),
            Is.EqualTo(("success", (long?)run.Id, "main", Base)));
        var prDecision = await _bot.Store.Decisions.LatestAsync(Repo, 1);
        Assert.That(recorded.Record.DecisionJson, Does.Contain($"\"decisionSeq\":{prDecision!.Seq}"), "it names the pull request's decision it relied on");
        Assert.That(await _bot.Store.Decisions.LatestAsync(Repo, 0), Is.Null, "nothing was recorded as a pull request decision");
    }

    [Test]
    public async Task A_failing_pull_request_added_to_the_queue_by_an_admin_gets_failure()
    {
        var contradictory = PullRequestBodies.AiDeclared.Replace("- [ ] This change does not", "- [x] This change does not", StringComparison.Ordinal);
        var pr = await EvaluatedPullRequestAsync(2, body: contradictory);
        Assert.That(_bot.GitHub.CheckRuns(Repo).Last(r => r.HeadSha == pr.HeadSha).Conclusion, Is.EqualTo("failure"));
        var groupHead = Sha("9002");
        _bot.GitHub.QueueMergeGroup(Repo, Base, groupHead, [.. CommitsOf(pr), FakeGitHubServer.GitHubMergeCommit(groupHead, Base, pr, Alice)]);

        var run = await RequestChecksAsync(groupHead, pr);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(run.Title, Is.EqualTo("Not covered: #2"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("#2: its newest decision on 02c0000 is failure"));
        Assert.That((await _bot.Store.MergeGroups.LatestForHeadAsync(Repo, groupHead))!.Record.Conclusion, Is.EqualTo("failure"));
    }

    [Test]
    public async Task Two_pull_requests_in_one_group_one_not_approved_fails_naming_it()
    {
        var waiting = await EvaluatedPullRequestAsync(3, approved: false);
        var approved = await EvaluatedPullRequestAsync(4);
        var firstMerge = Sha("9003");
        var groupHead = Sha("9004");
        // #3 entered the queue first; the group is named after #4, the last one queued, so #3 is found by its head.
        _bot.GitHub.QueueMergeGroup(Repo, Base, groupHead,
        [
            .. CommitsOf(waiting), FakeGitHubServer.GitHubMergeCommit(firstMerge, Base, waiting, Alice),
            .. CommitsOf(approved), FakeGitHubServer.GitHubMergeCommit(groupHead, firstMerge, approved, Alice),
        ]);

        var run = await RequestChecksAsync(groupHead, approved);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(run.Title, Is.EqualTo("Not covered: #3"));
        var summary = RenderedText.Visible(run.Summary);
        Assert.That(summary, Does.Contain("#3: its newest decision on 03c0000 is pending: Waiting for 1 approval"));
        Assert.That(summary, Does.Contain("✅ #4 at 04c0000"));
        Assert.That(summary, Does.Contain("❌ #3 at 03c0000"));
        Assert.That(_bot.GitHub.Calls.For(PullsForCommitRoute), Is.Zero, "both pull requests were placed from the store");
    }

    [Test]
    public async Task A_group_commit_that_belongs_to_no_pull_request_fails_naming_it()
    {
        var pr = await EvaluatedPullRequestAsync(5);
        var sneaky = FakeGitHubServer.LooseCommit(Sha("5eaa"), pr.HeadSha, "Tweak the deploy key", Mallory);
        var groupHead = Sha("9005");
        _bot.GitHub.QueueMergeGroup(Repo, Base, groupHead,
            [.. CommitsOf(pr), sneaky, FakeGitHubServer.GitHubMergeCommit(groupHead, Base, pr, Alice)]);

        var run = await RequestChecksAsync(groupHead, pr);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(run.Title, Is.EqualTo("Not covered: commit 5eaa000"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("commit 5eaa000 Tweak the deploy key belongs to no pull request of the group"));
        Assert.That(_bot.GitHub.Calls.For(PullsForCommitRoute), Is.EqualTo(1), "GitHub is asked about the one commit the store cannot place");
    }

    [Test]
    public async Task A_squashed_copy_github_made_and_lists_for_the_pull_request_is_covered()
    {
        var pr = await EvaluatedPullRequestAsync(6);
        var groupHead = Sha("9006");
        var squashed = FakeGitHubServer.LooseCommit(groupHead, Base, "Change 6 (#6)\n\nAI-Assisted: Cursor 0.45\n", Alice, committer: FakeGitHubServer.WebFlow);
        _bot.GitHub.QueueMergeGroup(Repo, Base, groupHead, [squashed]);
        _bot.GitHub.AssociateCommit(pr, groupHead);

        var run = await RequestChecksAsync(groupHead, pr);

        Assert.That(run.Conclusion, Is.EqualTo("success"), run.Summary);
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("made by GitHub for #6 (squashed or rebased)"));
        Assert.That(_bot.GitHub.Calls.For(CompareRoute), Is.EqualTo(1));
        Assert.That(_bot.GitHub.Calls.For(PullsForCommitRoute), Is.EqualTo(1));
        TestContext.Out.WriteLine($"API calls for one merge group evaluation (squash method, 1 PR): {_bot.GitHub.Calls.Total} " +
            string.Join(", ", _bot.GitHub.Calls.ByRoute.Select(kv => $"{kv.Key} x{kv.Value}")));
    }

    [Test]
    public async Task A_copy_of_the_pull_requests_commit_not_made_by_github_is_not_covered()
    {
        var pr = await EvaluatedPullRequestAsync(7);
        var groupHead = Sha("9007");
        // Listed for #7 by GitHub, but written by a person and not among the commits #7 was decided on.
        var rewritten = FakeGitHubServer.LooseCommit(groupHead, Base, "Change 7 (#7)", Mallory);
        _bot.GitHub.QueueMergeGroup(Repo, Base, groupHead, [rewritten]);
        _bot.GitHub.AssociateCommit(pr, groupHead);

        var run = await RequestChecksAsync(groupHead, pr);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("GitHub lists it for #7, but it is not among the commits the bot decided on"));
    }

    [Test]
    public async Task A_group_into_a_branch_out_of_scope_succeeds_as_not_in_scope_without_reading_its_commits()
    {
        var head = Sha("0ac");
        var pr = _bot.GitHub.AddPullRequest(Repo, 10, Alice, head, baseRef: "experiments/x", body: PullRequestBodies.AiDeclared);
        _bot.GitHub.AddCommit(pr, head, "Try something\n\nAI-Assisted: Cursor 0.45\n", Alice);
        await _bot.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 10, head, baseRef: "experiments/x"));
        var groupHead = Sha("9010");
        _bot.GitHub.Calls.Reset();

        await _bot.DeliverAndDrainAsync("merge_group", MergeGroupPayloads.ChecksRequested(Repo, groupHead, Base, 10, head, baseBranch: "experiments/x"));

        var run = _bot.GitHub.CheckRuns(Repo).Single(r => r.HeadSha == groupHead);
        Assert.That((run.Conclusion, run.Title), Is.EqualTo(("success", "Not in scope")));
        Assert.That(_bot.GitHub.Calls.For(CompareRoute), Is.Zero);
    }

    [Test]
    public async Task Destroyed_posts_nothing_and_records_only_the_delivery()
    {
        var pr = await EvaluatedPullRequestAsync(8);
        var groupHead = Sha("9008");
        _bot.GitHub.QueueMergeGroup(Repo, Base, groupHead, [.. CommitsOf(pr), FakeGitHubServer.GitHubMergeCommit(groupHead, Base, pr, Alice)]);
        var runsBefore = _bot.GitHub.CheckRuns(Repo).Count;
        _bot.GitHub.Calls.Reset();

        var response = await _bot.SendAsync("merge_group", MergeGroupPayloads.Destroyed(Repo, groupHead, Base, 8, pr.HeadSha));

        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("merge_group action destroyed is not acted on"));
        Assert.That((await _bot.Store.Inbox.CountByStateAsync())[DeliveryState.Ignored], Is.EqualTo(1), "the delivery is kept");
        Assert.That(_bot.GitHub.CheckRuns(Repo), Has.Count.EqualTo(runsBefore));
        Assert.That(_bot.GitHub.Calls.Total, Is.Zero);
        Assert.That(await _bot.Store.MergeGroups.LatestForHeadAsync(Repo, groupHead), Is.Null);
    }

    [Test]
    public async Task GitHub_failing_throughout_never_yields_success_and_says_it_could_not_evaluate()
    {
        var pr = await EvaluatedPullRequestAsync(9);
        var groupHead = Sha("9009");
        _bot.GitHub.Faults.Always(FakeFault.Status(503, pathContains: "/compare/"));

        var response = await _bot.SendAsync("merge_group", MergeGroupPayloads.ChecksRequested(Repo, groupHead, Base, 9, pr.HeadSha));
        Assert.That((int)response.StatusCode, Is.EqualTo(202));

        Assert.That(await BotUnderTest.EventuallyAsync(async () => (await _bot.Store.Inbox.CountByStateAsync())[DeliveryState.Failed] == 1),
            Is.True, "after the configured attempts the delivery is marked failed");
        var run = _bot.GitHub.CheckRuns(Repo).Single(r => r.HeadSha == groupHead);
        Assert.That((run.Conclusion, run.Title), Is.EqualTo(("failure", "Could not evaluate this merge group")));
        Assert.That(await _bot.Store.MergeGroups.LatestForHeadAsync(Repo, groupHead), Is.Null, "no decision without the facts");
    }
}
