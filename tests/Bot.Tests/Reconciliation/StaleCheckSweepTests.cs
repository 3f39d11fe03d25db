using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.Tests.Support;

namespace Bot.Tests.Reconciliation;

/// <summary>The stale-check sweep through the real service: a review missed while the bot was down, what a sweep costs
/// when nothing changed, and that its evaluations leave webhook-driven work room to run.</summary>
public sealed class StaleCheckSweepTests
{
    private const string Repo = "octo/app";
    private static readonly FakeUser Alice = new(100, "alice");
    private static readonly FakeUser Bob = new(200, "bob");

    private static string Sha(int n) => n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task A_review_submitted_while_the_bot_was_stopped_turns_the_check_success_at_start_up_without_a_webhook()
    {
        await using var scenario = await ReconcileScenario.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        var pr = github.AddPullRequest(Repo, 1, Alice, Sha(1), body: ReconcileScenario.NoAiBody);
        github.AddCommit(pr, Sha(1), "Plain change\n", Alice);
        github.AddFile(pr, "src/a.cs");

        var first = await scenario.StartBotAsync();
        await first.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, Sha(1)));
        Assert.That(github.CheckRuns(Repo).Single().Status, Is.EqualTo("in_progress"), "waiting for an approval");
        await scenario.StopBotAsync();

        github.AddReviewAt(pr, Bob, "APPROVED", DateTimeOffset.UtcNow);
        var second = await scenario.StartBotAsync(reconcile: true);

        Assert.That(await BotUnderTest.EventuallyAsync(async () => await second.Store.Decisions.LatestAsync(Repo, 1) is { Record.Conclusion: "success" }), Is.True,
            string.Join("; ", github.CheckRuns(Repo)));
        Assert.That(github.CheckRuns(Repo)[^1], Has.Property("Status").EqualTo("completed").And.Property("Conclusion").EqualTo("success"));
        var counts = await second.Store.Inbox.CountByStateAsync();
        Assert.That(counts.Values.Sum(), Is.EqualTo(1), "no delivery reached the second bot: the sweep alone found the review");
        var decision = await second.Store.Decisions.LatestAsync(Repo, 1);
        Assert.That(decision!.Record.DeliveryId, Is.Null, "recorded as the sweep's evaluation, not a delivery's");
    }

    [Test]
    public async Task A_sweep_over_1000_open_pull_requests_where_nothing_changed_costs_3_calls_none_rate_limited()
    {
        await using var scenario = await ReconcileScenario.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        var now = DateTimeOffset.UtcNow;
        var pulls = Enumerable.Range(1, 1000).Select(n =>
        {
            var pr = github.AddPullRequest(Repo, n, Alice, Sha(n), body: ReconcileScenario.NoAiBody);
            github.AddCommit(pr, Sha(n), "Plain change\n", Alice);
            github.SetUpdatedAt(pr, now.AddHours(-1));
            return pr;
        }).ToList();
        var bot = await scenario.StartBotAsync();
        await scenario.SeedDecidedAsync(bot.Store, pulls, now.AddMinutes(-30));

        Assert.That(await scenario.Reconcile.SweepAsync(CancellationToken.None), Is.Zero, "the first sweep reads all 1,000 and finds every check current");
        github.Calls.Reset();
        Assert.That(await scenario.Reconcile.SweepAsync(CancellationToken.None), Is.Zero);
        var routes = string.Join(", ", github.Calls.ByRoute.Select(r => $"{r.Key} x{r.Value}"));
        await TestContext.Out.WriteLineAsync($"sweep, 1 repository, 1,000 open pull requests, nothing changed: {github.Calls.Total} calls, "
            + $"{github.Calls.RateLimited} rate-limited, {github.Calls.NotModified} 304 ({routes})");
        Assert.That(github.Calls.Total, Is.LessThanOrEqualTo(3), routes);
        Assert.That(github.Calls.RateLimited, Is.Zero, routes);

        // One of the 1,000 is approved: the next sweep evaluates that one alone.
        github.AddReviewAt(pulls[499], Bob, "APPROVED", DateTimeOffset.UtcNow);
        github.Calls.Reset();
        Assert.That(await scenario.Reconcile.SweepAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(github.CheckRuns(Repo).Single(r => r.HeadSha == Sha(500)).Conclusion, Is.EqualTo("success"));
        await TestContext.Out.WriteLineAsync($"sweep after one review: {github.Calls.Total} calls, {github.Calls.RateLimited} rate-limited "
            + $"({string.Join(", ", github.Calls.ByRoute.Select(r => $"{r.Key} x{r.Value}"))})");
        Assert.That(github.Calls.For("GET /repos/{owner}/{repo}/pulls/{number}/reviews"), Is.EqualTo(2), "the changed pull request's reviews, then its evaluation");
    }

    [Test]
    public async Task A_pull_request_changed_without_a_review_costs_one_reviews_call_once()
    {
        await using var scenario = await ReconcileScenario.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        var pr = github.AddPullRequest(Repo, 1, Alice, Sha(1), body: ReconcileScenario.NoAiBody);
        github.SetUpdatedAt(pr, DateTimeOffset.UtcNow.AddHours(-1));
        var bot = await scenario.StartBotAsync();
        await scenario.SeedDecidedAsync(bot.Store, [pr], DateTimeOffset.UtcNow.AddMinutes(-30));

        github.SetUpdatedAt(pr, DateTimeOffset.UtcNow); // a comment or a label: updated_at moves, nothing the decision read changed
        const string reviews = "GET /repos/{owner}/{repo}/pulls/{number}/reviews";
        Assert.That(await scenario.Reconcile.SweepAsync(CancellationToken.None), Is.Zero);
        Assert.That(github.Calls.For(reviews), Is.EqualTo(1));
        Assert.That(await scenario.Reconcile.SweepAsync(CancellationToken.None), Is.Zero);
        Assert.That(github.Calls.For(reviews), Is.EqualTo(1), "the same change is not looked at twice");
        Assert.That(github.Calls.For("GET /repos/{owner}/{repo}/pulls/{number}"), Is.Zero, "nothing was evaluated");
        Assert.That(github.CheckRuns(Repo).Single().UpdateCount, Is.Zero);
    }

    [Test]
    public async Task The_sweeps_evaluations_leave_webhook_driven_evaluations_a_slot()
    {
        await using var scenario = await ReconcileScenario.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        github.AddRepository("octo/other");
        foreach (var n in Enumerable.Range(1, 3))
        {
            var stale = github.AddPullRequest(Repo, n, Alice, Sha(n), body: ReconcileScenario.NoAiBody);
            github.AddCommit(stale, Sha(n), "Plain change\n", Alice);
        }
        var incoming = github.AddPullRequest("octo/other", 9, Alice, Sha(9), body: ReconcileScenario.NoAiBody);
        github.AddCommit(incoming, Sha(9), "Plain change\n", Alice);
        // Two evaluation slots; the sweep asks for five and is held to one.
        var bot = await scenario.StartBotAsync(settings: new Dictionary<string, string?> { ["Worker:Concurrency"] = "2", ["Reconcile:Concurrency"] = "5" });
        var release = new TaskCompletionSource();
        github.Faults.Enqueue(FakeFault.Held(release.Task, $"/repos/{Repo}/pulls/"), times: 3);

        var sweep = scenario.Reconcile.SweepAsync(CancellationToken.None);
        try
        {
            Assert.That((int)(await bot.SendAsync("pull_request", WebhookPayloads.PullRequest("opened", "octo/other", 9, Sha(9)))).StatusCode, Is.EqualTo(202));
            Assert.That(await BotUnderTest.EventuallyAsync(() => github.CheckRuns("octo/other").Count == 1, timeoutSeconds: 20), Is.True,
                "the delivery was evaluated while the sweep's evaluations were held");
            Assert.That(sweep.IsCompleted, Is.False);
            Assert.That(await BotUnderTest.EventuallyAsync(async () =>
                (await bot.Store.Inbox.CountByStateAsync())[DeliveryState.Processed] == 1), Is.True);
        }
        finally
        {
            release.SetResult();
        }
        Assert.That(await sweep, Is.EqualTo(3));
    }
}
