using Bot.LoadTest;
using Bot.Tests.Support;

namespace Bot.Tests.LoadTool;

/// <summary>What one evaluation costs in GitHub API calls (the rate limit is the scarce resource at scale), with the load
/// tool's deliveries. Every evaluation reads the pull request from GitHub (policy.md §1). Measured: 5 rate-limited for the
/// first evaluation of a pull request (pull request, commits, reviews, files, check run; was 6 plus a 304: the owner without
/// a policy file is remembered, and the files read before the commits replace the second read of the pull request), none
/// to re-evaluate an unchanged one (the pull request and reviews answer 304, commits and files come from the head cache,
/// nothing is posted; was 2). ApiCallBudgetTests counts the same through review deliveries.</summary>
public sealed class ApiCostTests
{
    private const string TokenRoute = "POST /app/installations/{id}/access_tokens";

    [Test]
    public async Task A_first_evaluation_costs_at_most_5_rate_limited_calls_and_an_unchanged_re_evaluation_none()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var population = LoadPopulation.Create(bot.GitHub, 2);
        var database = new ServiceDatabase(bot.DatabasePath);

        // The owner's first pull request also learns that the owner has no .github policy and mints the token.
        await DeliverAsync(bot, population, 0, database, decisions: 1);
        bot.GitHub.Calls.Reset();
        await DeliverAsync(bot, population, 1, database, decisions: 2);
        var first = bot.GitHub.Calls.Total - bot.GitHub.Calls.For(TokenRoute);
        var routes = string.Join(", ", bot.GitHub.Calls.ByRoute.Select(r => $"{r.Key} x{r.Value}"));
        // Measured 5, none of them a 304: the pull request (a 200 for a new pull request), commits, reviews, files, check run.
        Assert.That(first - bot.GitHub.Calls.NotModified, Is.LessThanOrEqualTo(5), routes);
        Assert.That(first, Is.LessThanOrEqualTo(5), routes);

        bot.GitHub.Calls.Reset();
        await DeliverAsync(bot, population, population.PullRequests.Count + 1, database, decisions: 3); // same PR, unchanged
        // Measured 0: the pull request and its reviews are read again (policy.md §1), both answered 304, which is free.
        Assert.That(bot.GitHub.Calls.RateLimited, Is.Zero, string.Join(", ", bot.GitHub.Calls.ByRoute.Select(r => $"{r.Key} x{r.Value}")));
    }

    private static async Task DeliverAsync(BotUnderTest bot, LoadPopulation population, int index, ServiceDatabase database, int decisions)
    {
        var (eventName, body) = population.Delivery(index);
        Assert.That((int)(await bot.SendAsync(eventName, body)).StatusCode, Is.EqualTo(202));
        Assert.That(await BotUnderTest.EventuallyAsync(() => database.Decisions() >= decisions), Is.True, "the evaluation is recorded");
    }
}
