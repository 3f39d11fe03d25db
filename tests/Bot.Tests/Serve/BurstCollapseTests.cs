using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.Tests.Support;

namespace Bot.Tests.Serve;

public sealed class BurstCollapseTests
{
    private const string Repo = "octo/app";

    [Test]
    public async Task A_burst_for_one_pull_request_collapses_into_few_evaluations_and_every_delivery_is_processed()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.GitHub.AddRepository(Repo);
        var head = "7".PadRight(40, 'a');
        var pr = bot.GitHub.AddPullRequest(Repo, 7, new FakeUser(100, "alice"), head,
            body: "- [ ] This change includes AI-assisted code\n- [x] This change does not include AI-assisted code\n");
        bot.GitHub.AddCommit(pr, head, "Plain change\n", new FakeUser(100, "alice"));
        // The first evaluation is slow, so the rest of the burst arrives while it runs.
        bot.GitHub.Faults.Enqueue(FakeFault.Slow(TimeSpan.FromMilliseconds(500), pathContains: "/pulls/7"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => bot.SendAsync("pull_request", WebhookPayloads.PullRequest("synchronize", Repo, 7, head))));

        Assert.That(responses.Select(r => (int)r.StatusCode), Is.All.EqualTo(202));
        Assert.That(await BotUnderTest.EventuallyAsync(async () =>
            (await bot.Store.Inbox.CountByStateAsync())[DeliveryState.Processed] == 10), Is.True, "every delivery is processed");
        var latest = await bot.Store.Decisions.LatestAsync(Repo, 7);
        Assert.That(latest, Is.Not.Null);
        Assert.That(latest!.Seq, Is.InRange(1, 3), "ten deliveries, a handful of evaluations");
        Assert.That(bot.GitHub.CheckRuns(Repo), Has.Count.EqualTo(1));
    }
}
