using System.Net;
using System.Net.Http.Headers;
using Bot.LoadTest;
using Bot.Tests.Faults;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Serve;

/// <summary><c>/readyz</c> says whether the service can take deliveries, and nothing more to anyone; <c>/status</c>, for
/// the holder of <c>Metrics:Token</c>, and the log say why.</summary>
public sealed class ReadinessTests
{
    [Test]
    public async Task Readyz_is_terse_and_status_gives_the_details_only_with_the_metrics_token()
    {
        await using var bot = await BotUnderTest.StartAsync();

        var ready = await bot.Http.GetAsync("/readyz");
        var anonymous = await bot.Http.GetAsync("/status");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/status") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        var guessed = await bot.Http.SendAsync(wrong);
        var status = await bot.StatusAsync();

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ready.Content.ReadAsStringAsync(), Is.EqualTo("ready\n"), "no App id, no counts, no paths");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(guessed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(status.GetProperty("ready").GetBoolean(), Is.True);
        Assert.That(status.GetProperty("appId").GetString(), Is.EqualTo(bot.GitHub.AppId));
        Assert.That(status.GetProperty("deliveries").GetProperty("pending").GetInt64(), Is.Zero);
        Assert.That(status.GetProperty("workersEnabled").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Without_a_metrics_token_status_does_not_exist()
    {
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["Metrics:Token"] = "" });

        Assert.That((await bot.Http.GetAsync("/status")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_inbox_over_its_limit_is_not_ready_and_says_why_on_status_and_once_in_the_log()
    {
        // No workers, so what arrives stays pending.
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Worker:Enabled"] = "false",
            ["Readiness:MaxPendingDeliveries"] = "2",
        });
        var population = LoadPopulation.Create(bot.GitHub, 3);

        for (var i = 0; i < 2; i++)
            Assert.That((await bot.SendAsync(population.Delivery(i).Event, population.Delivery(i).Body)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await bot.Http.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "at the limit is still ready");
        Assert.That((await bot.SendAsync(population.Delivery(2).Event, population.Delivery(2).Body)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        var over = await bot.Http.GetAsync("/readyz");
        await bot.Http.GetAsync("/readyz");
        var status = await bot.StatusAsync();

        Assert.That(over.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await over.Content.ReadAsStringAsync(), Is.EqualTo("not ready\n"));
        var live = await bot.Http.GetAsync("/healthz");
        Assert.That((live.StatusCode, await live.Content.ReadAsStringAsync()), Is.EqualTo((HttpStatusCode.OK, "ok\n")),
            "liveness runs no readiness check: a full inbox is no reason to restart the process");
        Assert.That(status.GetProperty("ready").GetBoolean(), Is.False);
        Assert.That(status.GetProperty("problems").ToString(), Does.Contain("3 pending deliveries, over Readiness:MaxPendingDeliveries (2)"));
        Assert.That(bot.Log.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Not ready", StringComparison.Ordinal)).ToList(),
            Has.Count.EqualTo(1), "the reason is logged when readiness changes, not on every probe");
    }

    [Test]
    public async Task A_database_another_process_holds_locked_is_not_ready_until_it_lets_go()
    {
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["Readiness:WriteProbeSeconds"] = "0.5" });

        await using (var locker = await LockedDatabaseTests.LockAsync(bot.DatabasePath))
        {
            var locked = await bot.Http.GetAsync("/readyz");
            var status = await bot.StatusAsync();

            Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(status.GetProperty("problems").ToString(), Does.Contain("no write lock within 0.5 s"));
            await LockedDatabaseTests.ExecuteAsync(locker, "COMMIT");
        }

        Assert.That(await BotUnderTest.EventuallyAsync(async () => (await bot.Http.GetAsync("/readyz")).IsSuccessStatusCode), Is.True,
            "ready again once the lock is released");
    }
}
