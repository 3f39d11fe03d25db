using Bot.FakeGitHub;
using Bot.LoadTest;
using Bot.Tests.Support;

namespace Bot.Tests.Faults;

/// <summary>GitHub failing 30% of calls in each of the ways it really fails: every pull request still ends with its
/// right conclusion, and no <c>success</c> is ever posted for one whose right conclusion is not success.</summary>
public sealed class FlakyGitHubTests
{
    private static IEnumerable<TestCaseData> Faults()
    {
        yield return new TestCaseData(FakeFault.Status(500)).SetName("30% of calls answer 500");
        yield return new TestCaseData(FakeFault.Status(502)).SetName("30% of calls answer 502");
        yield return new TestCaseData(FakeFault.Slow(TimeSpan.FromSeconds(1))).SetName("30% of calls time out");
        yield return new TestCaseData(FakeFault.SecondaryRateLimit(retryAfterSeconds: 1)).SetName("30% of calls hit the secondary rate limit with Retry-After");
        yield return new TestCaseData(FakeFault.TooManyRequests(retryAfterSeconds: 1)).SetName("30% of calls answer 429");
    }

    [TestCaseSource(nameof(Faults))]
    public async Task Every_pull_request_ends_right(FakeFault fault)
    {
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Worker:MaxAttempts"] = "12",
            ["GitHub:Resilience:AttemptTimeout"] = "00:00:00.300",
        });
        var population = LoadPopulation.Create(bot.GitHub, 9);
        bot.GitHub.Faults.FailRandomly(0.3, seed: 20240601, fault);

        var sent = new List<(SentDelivery, PopulationPullRequest)>();
        for (var i = 0; i < population.PullRequests.Count * 2; i++)
        {
            var (eventName, body) = population.Delivery(i);
            var id = Guid.NewGuid().ToString();
            var response = await bot.SendAsync(eventName, body, id);
            sent.Add((new SentDelivery(id, (int)response.StatusCode, 0, DateTimeOffset.UtcNow), population.PullRequests[i % population.PullRequests.Count]));
        }
        var database = new ServiceDatabase(bot.DatabasePath);
        await LoadEngine.DrainAsync(database, TimeSpan.FromSeconds(90));

        Assert.That(sent.Select(s => s.Item1.Status), Is.All.EqualTo(202));
        var outcomes = OutcomeJudge.Judge(bot.GitHub, database, sent);
        Assert.That(outcomes.Problems, Is.Empty);
        Assert.That(bot.GitHub.Calls.Requests.Count(r => r.StatusCode >= 400), Is.GreaterThan(0), "faults were actually served");
    }
}
