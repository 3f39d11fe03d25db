using Bot.FakeGitHub;
using Bot.Tests.Support;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Serve;

/// <summary>End to end through signed deliveries, the inbox, the worker, the fake GitHub and the evidence store:
/// one test per scenario of policy.md.</summary>
public sealed class PolicyScenarioTests : BotScenario
{
    private static readonly FakeUser Renovate = FakeUser.Bot(300, "renovate[bot]");

    private const string AiBody = PullRequestBodies.AiDeclared;

    private FakePullRequest AiPullRequest(int number, string head, string trailer = "AI-Assisted: Cursor 0.45 / claude-3.7-sonnet", string baseRef = "main")
    {
        var pr = _bot.GitHub.AddPullRequest(Repo, number, Alice, head, baseRef: baseRef, body: AiBody);
        _bot.GitHub.AddCommit(pr, head, $"Add the parser\n\n{trailer}\n", Alice);
        _bot.GitHub.AddFile(pr, "src/parser.cs");
        return pr;
    }

    private async Task<FakeCheckRun> DeliverAndWaitAsync(string eventName, byte[] body, string headSha, Func<FakeCheckRun, bool>? until = null)
    {
        var response = await _bot.SendAsync(eventName, body);
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        FakeCheckRun? run = null;
        var arrived = await BotUnderTest.EventuallyAsync(() =>
        {
            run = _bot.GitHub.CheckRuns(Repo).LastOrDefault(r => r.HeadSha == headSha);
            return run is not null && (until?.Invoke(run) ?? true);
        });
        Assert.That(arrived, Is.True, $"no check run on {headSha} matching the expectation; last: {run}");
        return run!;
    }

    /// <summary>The check run is posted first and the evidence record appended right after it.</summary>
    private async Task<Bot.Evidence.Decisions.StoredDecision> RecordedDecisionAsync(int number)
    {
        Bot.Evidence.Decisions.StoredDecision? stored = null;
        Assert.That(await BotUnderTest.EventuallyAsync(async () => (stored = await _bot.Store.Decisions.LatestAsync(Repo, number)) is not null),
            Is.True, $"no evidence record for #{number}");
        return stored!;
    }

    [Test]
    public async Task Ai_assisted_pr_approved_only_by_its_prompter_stays_pending()
    {
        var pr = AiPullRequest(1, "a1".PadRight(40, '1'));
        _bot.GitHub.AddReview(pr, Alice, "APPROVED");

        var run = await DeliverAndWaitAsync("pull_request_review", WebhookPayloads.Review(Repo, 1, pr.HeadSha), pr.HeadSha);

        Assert.That(run.Status, Is.EqualTo("in_progress"));
        Assert.That(run.Conclusion, Is.Null);
        Assert.That(run.Title, Does.Contain("Waiting for 1 approval"));
    }

    [Test]
    public async Task Ai_assisted_pr_approved_by_another_human_succeeds_and_is_recorded_with_its_delivery()
    {
        var pr = AiPullRequest(2, "b2".PadRight(40, '2'));
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");
        var delivery = Guid.NewGuid().ToString();

        var response = await _bot.SendAsync("pull_request_review", WebhookPayloads.Review(Repo, 2, pr.HeadSha), delivery);
        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        Assert.That(await BotUnderTest.EventuallyAsync(() => _bot.GitHub.CheckRuns(Repo).Any(r => r.HeadSha == pr.HeadSha)), Is.True);

        var run = _bot.GitHub.CheckRuns(Repo).Single(r => r.HeadSha == pr.HeadSha);
        Assert.That(run.Conclusion, Is.EqualTo("success"));
        Assert.That(run.Name, Is.EqualTo("AI Change Control"));
        var stored = await RecordedDecisionAsync(2);
        Assert.That(stored.Record.DeliveryId, Is.EqualTo(delivery));
        Assert.That(stored.Record.Conclusion, Is.EqualTo("success"));
        Assert.That(stored.Record.CheckRunId, Is.EqualTo(run.Id));
        Assert.That(stored.Record.HeadSha, Is.EqualTo(pr.HeadSha));
        Assert.That(stored.Record.AiAssisted, Is.True);
    }

    [Test]
    public async Task A_new_push_makes_the_approval_stale()
    {
        var pr = AiPullRequest(3, "c3".PadRight(40, '3'));
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");
        await DeliverAndWaitAsync("pull_request_review", WebhookPayloads.Review(Repo, 3, pr.HeadSha), pr.HeadSha);

        var newHead = "d3".PadRight(40, '3');
        _bot.GitHub.AddCommit(pr, newHead, "Fix a typo\n\nAI-Assisted: Cursor 0.45\n", Alice);
        _bot.GitHub.SetHead(pr, newHead);
        var run = await DeliverAndWaitAsync("pull_request", WebhookPayloads.PullRequest("synchronize", Repo, 3, newHead), newHead);

        Assert.That(run.Status, Is.EqualTo("in_progress"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("stale"));
        Assert.That(_bot.GitHub.CheckRuns(Repo).Single(r => r.HeadSha != newHead).Conclusion, Is.EqualTo("success"),
            "the old head keeps its own check run");
    }

    [Test]
    public async Task An_unapproved_tool_fails()
    {
        _bot.GitHub.SetContent(Repo, ".github/ai-compliance.yml", "main", "version: 1\napproved_tools: [\"Claude Code*\"]\n");
        var pr = AiPullRequest(4, "e4".PadRight(40, '4'), trailer: "AI-Assisted: ShadyTool 9000");
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");

        var run = await DeliverAndWaitAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 4, pr.HeadSha), pr.HeadSha);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("ShadyTool 9000"));
    }

    [Test]
    public async Task A_bot_approval_does_not_count()
    {
        var pr = AiPullRequest(5, "f5".PadRight(40, '5'));
        _bot.GitHub.AddReview(pr, Renovate, "APPROVED");

        var run = await DeliverAndWaitAsync("pull_request_review", WebhookPayloads.Review(Repo, 5, pr.HeadSha), pr.HeadSha);

        Assert.That(run.Status, Is.EqualTo("in_progress"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("bot"));
    }

    [Test]
    public async Task Contradictory_checkboxes_fail()
    {
        var pr = AiPullRequest(6, "a6".PadRight(40, '6'));
        _bot.GitHub.SetBody(pr, AiBody.Replace("- [ ] This change does not", "- [x] This change does not"));
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");

        var run = await DeliverAndWaitAsync("pull_request", WebhookPayloads.PullRequest("edited", Repo, 6, pr.HeadSha), pr.HeadSha);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("declaration"));
    }

    [Test]
    public async Task An_undeclared_claude_co_author_fails()
    {
        var head = "b7".PadRight(40, '7');
        var pr = _bot.GitHub.AddPullRequest(Repo, 7, Alice, head, body: AiBody.Replace("[x] This change includes", "[ ] This change includes")
            .Replace("[ ] This change does not", "[x] This change does not"));
        _bot.GitHub.AddCommit(pr, head, "Refactor\n\nCo-authored-by: Claude <noreply@anthropic.com>\n", Alice);
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");

        var run = await DeliverAndWaitAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 7, head), head);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("undeclared_ai"));
    }

    [Test]
    public async Task A_pull_request_into_an_out_of_scope_branch_succeeds_as_not_in_scope()
    {
        var pr = AiPullRequest(8, "c8".PadRight(40, '8'), baseRef: "experiments/x");

        var run = await DeliverAndWaitAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 8, pr.HeadSha, baseRef: "experiments/x"), pr.HeadSha);

        Assert.That(run.Conclusion, Is.EqualTo("success"));
        Assert.That(run.Title, Is.EqualTo("Not in scope"));
    }

    [Test]
    public async Task An_invalid_policy_file_fails_with_its_line()
    {
        _bot.GitHub.SetContent(Repo, ".github/ai-compliance.yml", "main", "version: 1\nreview:\n  required_approvals: many\n");
        var pr = AiPullRequest(9, "d9".PadRight(40, '9'));
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");

        var run = await DeliverAndWaitAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 9, pr.HeadSha), pr.HeadSha);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(run.Title, Is.EqualTo("Policy file invalid"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("line 3"));
    }

    [Test]
    public async Task The_owners_dot_github_policy_applies_when_the_repository_has_none()
    {
        _bot.GitHub.AddRepository("octo/.github");
        _bot.GitHub.SetContent("octo/.github", ".github/ai-compliance.yml", null, "version: 1\nbranches: [\"trunk\"]\n");
        var pr = AiPullRequest(10, "e1".PadRight(40, '0'));

        var run = await DeliverAndWaitAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 10, pr.HeadSha), pr.HeadSha);

        Assert.That(run.Title, Is.EqualTo("Not in scope"), "main is out of scope under the owner's policy");
        var stored = await RecordedDecisionAsync(10);
        Assert.That(stored.Record.PolicySource, Does.StartWith("octo/.github"));
    }

    [Test]
    public async Task GitHub_answering_502_three_times_then_200_still_ends_in_the_right_conclusion()
    {
        var pr = AiPullRequest(11, "f1".PadRight(40, '1'));
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");
        _bot.GitHub.Faults.Enqueue(FakeFault.Status(502), times: 3);

        var run = await DeliverAndWaitAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 11, pr.HeadSha), pr.HeadSha);

        Assert.That(run.Conclusion, Is.EqualTo("success"));
        Assert.That(_bot.GitHub.Faults.Pending, Is.Zero, "all three faults were served");
    }

    [Test]
    public async Task GitHub_down_throughout_never_yields_success_and_the_delivery_ends_failed()
    {
        var pr = AiPullRequest(12, "a2".PadRight(40, '2'));
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");
        _bot.GitHub.Faults.Always(FakeFault.Status(503));
        var delivery = Guid.NewGuid().ToString();

        var response = await _bot.SendAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 12, pr.HeadSha), delivery);
        Assert.That((int)response.StatusCode, Is.EqualTo(202));

        var failed = await BotUnderTest.EventuallyAsync(async () =>
            (await _bot.Store.Inbox.CountByStateAsync()).TryGetValue(Bot.Evidence.Inbox.DeliveryState.Failed, out var n) && n == 1);
        Assert.That(failed, Is.True, "after the configured attempts the delivery is marked failed");
        Assert.That(_bot.GitHub.CheckRuns(Repo).Where(r => r.Conclusion == "success"), Is.Empty);
        Assert.That(await _bot.Store.Decisions.LatestAsync(Repo, 12), Is.Null, "no decision without the facts");
    }
}
