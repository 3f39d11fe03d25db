using Bot.FakeGitHub;
using Bot.Serve.Processing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Serve;

/// <summary>policy.md §4's check-run lifecycle, the reconcile sweep, installation backfill and commit statuses.</summary>
public sealed class CheckRunLifecycleTests
{
    private const string Repo = "octo/app";
    private const string NoAiBody = """
        - [ ] This change includes AI-assisted code
        - [x] This change does not include AI-assisted code
        """;

    private BotUnderTest _bot = null!;

    [SetUp]
    public async Task SetUp()
    {
        _bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["Checks:PostCommitStatus"] = "true" });
        _bot.GitHub.AddRepository(Repo);
    }

    [TearDown]
    public async Task TearDown() => await _bot.DisposeAsync();

    private FakePullRequest PullRequest(int number, string head)
    {
        var pr = _bot.GitHub.AddPullRequest(Repo, number, Alice, head, body: NoAiBody);
        _bot.GitHub.AddCommit(pr, head, "Plain change\n", Alice);
        _bot.GitHub.AddFile(pr, "src/a.cs");
        return pr;
    }

    private async Task<IReadOnlyList<FakeCheckRun>> RunsAfterAsync(string eventName, byte[] body, string head, Func<IReadOnlyList<FakeCheckRun>, bool> until)
    {
        var response = await _bot.SendAsync(eventName, body);
        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        IReadOnlyList<FakeCheckRun> runs = [];
        Assert.That(await BotUnderTest.EventuallyAsync(() => until(runs = _bot.GitHub.CheckRuns(Repo).Where(r => r.HeadSha == head).ToList())), Is.True,
            $"check runs on {head}: {string.Join("; ", runs)}");
        return runs;
    }

    [Test]
    public async Task A_pending_run_is_updated_in_place_and_a_changed_completed_result_gets_a_new_run()
    {
        var head = "1".PadRight(40, 'a');
        var pr = PullRequest(1, head);

        var pending = await RunsAfterAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, head), head, runs => runs.Count == 1);
        Assert.That(pending[0].Status, Is.EqualTo("in_progress"));

        _bot.GitHub.AddReview(pr, Bob, "APPROVED");
        var approved = await RunsAfterAsync("pull_request_review", WebhookPayloads.Review(Repo, 1, head), head, runs => runs[^1].Status == "completed");
        Assert.That(approved, Has.Count.EqualTo(1), "the in-progress run was updated in place");
        Assert.That(approved[0].Conclusion, Is.EqualTo("success"));
        Assert.That(approved[0].Id, Is.EqualTo(pending[0].Id));

        _bot.GitHub.AddReview(pr, Bob, "CHANGES_REQUESTED");
        var changed = await RunsAfterAsync("pull_request_review", WebhookPayloads.Review(Repo, 1, head), head, runs => runs.Count == 2);
        Assert.That(changed[0].Conclusion, Is.EqualTo("success"), "GitHub never reopens a completed run");
        Assert.That(changed[1].Status, Is.EqualTo("in_progress"), "the newest run shows the new result");

        // The status is posted just after the check run the wait above saw: wait for it too (under load it lags).
        List<string> statuses = [];
        await BotUnderTest.EventuallyAsync(() => (statuses = [.. _bot.GitHub.Statuses(Repo).Where(s => s.Sha == head).Select(s => s.State)]).Count >= 3);
        Assert.That(statuses, Is.EqualTo(new[] { "pending", "success", "pending" }), "commit statuses follow when configured");
    }

    [Test]
    public async Task An_identical_result_is_not_posted_again_but_is_recorded()
    {
        var head = "2".PadRight(40, 'b');
        var pr = PullRequest(2, head);
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");
        await RunsAfterAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 2, head), head, runs => runs.Count == 1 && runs[0].Status == "completed");
        var writesBefore = _bot.GitHub.Calls.For("POST /repos/{owner}/{repo}/check-runs") + _bot.GitHub.Calls.For("PATCH /repos/{owner}/{repo}/check-runs/{id}");

        var response = await _bot.SendAsync("pull_request", WebhookPayloads.PullRequest("edited", Repo, 2, head));
        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        Assert.That(await BotUnderTest.EventuallyAsync(async () =>
            (await _bot.Store.Inbox.CountByStateAsync())[Bot.Evidence.Inbox.DeliveryState.Processed] == 2), Is.True);

        var writesAfter = _bot.GitHub.Calls.For("POST /repos/{owner}/{repo}/check-runs") + _bot.GitHub.Calls.For("PATCH /repos/{owner}/{repo}/check-runs/{id}");
        Assert.That(writesAfter, Is.EqualTo(writesBefore));
        Assert.That(_bot.GitHub.CheckRuns(Repo).Single(r => r.HeadSha == head).UpdateCount, Is.Zero);
        var latest = await _bot.Store.Decisions.LatestAsync(Repo, 2);
        Assert.That(latest!.Seq, Is.EqualTo(2), "both evaluations are evidence");
    }

    [Test]
    public async Task The_reconcile_sweep_evaluates_open_pull_requests_that_have_no_check_run()
    {
        var head = "3".PadRight(40, 'c');
        PullRequest(3, head);
        var closedHead = "4".PadRight(40, 'd');
        _bot.GitHub.SetState(PullRequest(4, closedHead), "closed");

        var evaluated = await _bot.Services.GetRequiredService<ReconcileService>().SweepAsync(CancellationToken.None);

        Assert.That(evaluated, Is.EqualTo(1));
        Assert.That(_bot.GitHub.CheckRuns(Repo).Select(r => r.HeadSha), Is.EqualTo(new[] { head }));
        var again = await _bot.Services.GetRequiredService<ReconcileService>().SweepAsync(CancellationToken.None);
        Assert.That(again, Is.Zero, "a head with our check run is left alone");
    }

    [Test]
    public async Task An_installation_created_delivery_evaluates_the_open_pull_requests_of_its_repositories()
    {
        var head = "5".PadRight(40, 'e');
        PullRequest(5, head);
        // Derived from the real installation/created fixture: our installation and repository.
        var node = System.Text.Json.Nodes.JsonNode.Parse(WebhookPayloads.Raw("installation", "created.payload.json"))!;
        node["installation"]!["id"] = 1;
        node["repositories"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = 1, ["node_id"] = "R_1", ["name"] = "app", ["full_name"] = Repo, ["private"] = false,
        });

        var runs = await RunsAfterAsync("installation", System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()), head, runs => runs.Count == 1);

        Assert.That(runs[0].Status, Is.EqualTo("in_progress"));
    }
}
