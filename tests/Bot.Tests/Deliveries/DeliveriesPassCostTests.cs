using Bot.Tests.Support;

namespace Bot.Tests.Deliveries;

/// <summary>What a deliveries pass costs when nothing was missed: one call to list GitHub's deliveries (it stops at the first
/// delivery an earlier pass saw), none to fetch one; and when nothing at all was delivered since, that one call is a 304,
/// which GitHub does not charge against the rate limit. The figures are printed for the report.</summary>
public sealed class DeliveriesPassCostTests
{
    private const string ListRoute = "GET /app/hook/deliveries";
    private const string GetRoute = "GET /app/hook/deliveries/{id}";

    [Test]
    public async Task A_pass_with_nothing_missed_costs_one_list_call_and_a_pass_with_nothing_new_a_free_304()
    {
        await using var scenario = await RestartableBot.CreateAsync();
        var population = Bot.LoadTest.LoadPopulation.Create(scenario.GitHub, 3);
        await using var bot = await scenario.StartAsync();
        for (var i = 0; i < 150; i++)
        {
            var (eventName, body) = population.Delivery(i);
            await bot.SendRecordedAsync(eventName, body);
        }
        await bot.DrainedAsync(timeoutSeconds: 60);

        scenario.GitHub.Calls.Reset();
        var pass = await RestartableBot.PassAsync(bot);
        var calls = scenario.GitHub.Calls;
        TestContext.Out.WriteLine($"pass after 150 deliveries, none missed: {calls.Total} calls ({calls.For(ListRoute)} list, {calls.For(GetRoute)} get), {calls.RateLimited} charged");
        Assert.That((pass.Listed, pass.Missing), Is.EqualTo((150, 0)));
        Assert.That(calls.For(GetRoute), Is.Zero);
        Assert.That(calls.For(ListRoute), Is.EqualTo(2), "150 new deliveries are two pages of 100");

        await bot.SendRecordedAsync(population.Delivery(0).Event, population.Delivery(0).Body);
        await bot.DrainedAsync();
        calls.Reset();
        pass = await RestartableBot.PassAsync(bot);
        TestContext.Out.WriteLine($"pass after 1 delivery, none missed: {calls.Total} calls, {calls.RateLimited} charged");
        Assert.That((pass.Listed, pass.Missing, calls.Total, calls.For(GetRoute)), Is.EqualTo((1, 0, 1, 0)));

        calls.Reset();
        pass = await RestartableBot.PassAsync(bot);
        TestContext.Out.WriteLine($"pass with nothing delivered since: {calls.Total} calls, {calls.RateLimited} charged ({calls.NotModified} answered 304)");
        Assert.That((pass.Listed, calls.Total, calls.NotModified), Is.EqualTo((0, 1, 1)));
    }
}
