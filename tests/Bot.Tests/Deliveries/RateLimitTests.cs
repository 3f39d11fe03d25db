using Bot.Evidence.Deliveries;
using Bot.FakeGitHub;
using Bot.Tests.Support;

namespace Bot.Tests.Deliveries;

/// <summary>policy.md §8, rate limits: when an installation's API budget is spent, its evaluations wait for the reset (the
/// check run stays as it is: never failure, never success), use up no attempts, do not keep asking GitHub meanwhile, and
/// then run, the newest first.</summary>
public sealed class RateLimitTests
{
    private const string Repo = "acme/payments";
    private const string PullRoute = "GET /repos/{owner}/{repo}/pulls/{number}";
    private static readonly FakeUser Alice = new(100, "alice");
    private static readonly FakeUser Bob = new(200, "bob");

    private static string Sha(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(40, 'c');

    private static void ApprovedAiPullRequest(FakeGitHubServer github, int number)
    {
        var pr = github.AddPullRequest(Repo, number, Alice, Sha(number), body: PullRequestBodies.AiDeclared);
        github.AddCommit(pr, Sha(number), "Add the parser\n\nAI-Assisted: Cursor 0.45\n", Alice);
        github.AddFile(pr, "src/parser.cs");
        github.AddReview(pr, Bob, "APPROVED");
    }

    [Test]
    public async Task A_spent_budget_delays_the_evaluation_to_the_reset_then_it_concludes_with_no_failure_in_between()
    {
        // One attempt only: had the rate-limited attempt counted, the delivery would fail and the check would say so.
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["Worker:MaxAttempts"] = "1" });
        bot.GitHub.AddRepository(Repo);
        ApprovedAiPullRequest(bot.GitHub, 1);
        var reset = DateTimeOffset.UtcNow.AddSeconds(4);
        bot.GitHub.SpendRateLimit(FakeGitHubServer.DefaultInstallationId, reset);

        var response = await bot.SendAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, Sha(1)));
        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        Assert.That(await BotUnderTest.EventuallyAsync(() => bot.GitHub.RateLimitedAnswers > 0), Is.True, "GitHub said the budget is spent");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var waiting = BotUnderTest.StoreAt(bot.DatabasePath).Deliveries.List(new DeliveryFilter()).Single();
        Assert.That(waiting.State, Is.EqualTo("pending"), "held, not failed");
        Assert.That(waiting.NotBefore, Is.GreaterThanOrEqualTo(DateTimeOffset.FromUnixTimeSeconds(reset.ToUnixTimeSeconds())), "until the reset GitHub named");
        Assert.That(bot.GitHub.CheckRuns(Repo), Is.Empty, "nothing posted while the budget is spent");
        var refusedWhileWaiting = bot.GitHub.RateLimitedAnswers;

        Assert.That(await BotUnderTest.EventuallyAsync(() => bot.GitHub.CheckRuns(Repo).Any(r => r.Status == "completed")), Is.True);
        var runs = bot.GitHub.CheckRuns(Repo);
        Assert.That(runs.Select(r => (r.HeadSha, r.Conclusion)), Is.EqualTo(new[] { (Sha(1), "success") }), "one run, success; never a failure");
        Assert.That(DateTimeOffset.UtcNow, Is.GreaterThanOrEqualTo(reset));
        Assert.That(refusedWhileWaiting, Is.LessThanOrEqualTo(6), "only the first evaluation's parallel reads met the spent budget");
        Assert.That(bot.GitHub.RateLimitedAnswers, Is.EqualTo(refusedWhileWaiting), "nothing was asked again before the reset");
        ListedDelivery done = null!;
        Assert.That(await BotUnderTest.EventuallyAsync(() => (done = BotUnderTest.StoreAt(bot.DatabasePath).Deliveries.List(new DeliveryFilter()).Single()).State == "processed"),
            Is.True);
        Assert.That(done.Attempts, Is.EqualTo(1), "the rate-limited attempt was handed back");
    }

    [Test]
    public async Task Work_held_for_a_reset_runs_newest_first()
    {
        // One delivery in flight and one evaluation at a time, so the order they are taken in is the order they run.
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Worker:MaxInFlight"] = "1",
            ["Worker:Concurrency"] = "1",
        });
        bot.GitHub.AddRepository(Repo);
        for (var number = 1; number <= 3; number++) ApprovedAiPullRequest(bot.GitHub, number);
        var reset = DateTimeOffset.UtcNow.AddSeconds(4);
        bot.GitHub.SpendRateLimit(FakeGitHubServer.DefaultInstallationId, reset);

        for (var number = 1; number <= 3; number++)
        {
            Assert.That((int)(await bot.SendAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, number, Sha(number)))).StatusCode, Is.EqualTo(202));
            var held = number;
            Assert.That(await BotUnderTest.EventuallyAsync(() =>
                BotUnderTest.StoreAt(bot.DatabasePath).Deliveries.List(new DeliveryFilter { States = ["pending"] }).Count(d => d.NotBefore is not null) == held), Is.True);
        }
        Assert.That(DateTimeOffset.UtcNow, Is.LessThan(reset), "all three were held before the reset (else the test says nothing)");
        Assert.That(bot.GitHub.RateLimitedAnswers, Is.LessThanOrEqualTo(6), "the second and third were held without asking GitHub");

        Assert.That(await BotUnderTest.EventuallyAsync(() => bot.GitHub.CheckRuns(Repo).Count(r => r.Status == "completed") == 3), Is.True);
        var order = bot.GitHub.Calls.Requests.Where(r => r.Route == PullRoute && r.StatusCode == 200).Select(r => r.Path.Split('/')[^1]).Distinct();
        Assert.That(order, Is.EqualTo(new[] { "3", "2", "1" }));
        Assert.That(bot.GitHub.CheckRuns(Repo).Select(r => r.Conclusion), Is.All.EqualTo("success"));
    }
}
