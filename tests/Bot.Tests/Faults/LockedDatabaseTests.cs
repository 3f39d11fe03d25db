using Bot.LoadTest;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Faults;

/// <summary>Another holder of the database's write lock (a backup, an operator's sqlite3 shell): deliveries are
/// stored once it lets go, or refused with 503 so that GitHub redelivers; never acknowledged and then lost.</summary>
public sealed class LockedDatabaseTests
{
    [Test]
    public async Task Deliveries_during_a_brief_exclusive_lock_are_stored_or_refused_with_503()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var population = LoadPopulation.Create(bot.GitHub, 6);

        var sent = new List<(Task<HttpResponseMessage> Response, string Id, PopulationPullRequest Target)>();
        await using (var locker = await LockAsync(bot.DatabasePath))
        {
            for (var i = 0; i < 12; i++)
            {
                var (eventName, body) = population.Delivery(i);
                var id = Guid.NewGuid().ToString();
                sent.Add((bot.SendAsync(eventName, body, id), id, population.PullRequests[i % population.PullRequests.Count]));
            }
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.That(sent.Count(s => s.Response.IsCompleted && (int)s.Response.Result.StatusCode is >= 200 and < 300), Is.Zero,
                "nothing can be acknowledged while the inbox cannot be written");
            await ExecuteAsync(locker, "COMMIT");
        }

        var answers = new List<(SentDelivery, PopulationPullRequest)>();
        foreach (var (response, id, target) in sent)
            answers.Add((new SentDelivery(id, (int)(await response).StatusCode, 0, DateTimeOffset.UtcNow), target));
        Assert.That(answers.Select(a => a.Item1.Status), Is.All.EqualTo(202).Or.EqualTo(503));

        var database = new ServiceDatabase(bot.DatabasePath);
        await LoadEngine.DrainAsync(database, TimeSpan.FromSeconds(60));
        var stored = database.StateByDelivery();
        Assert.That(answers.Where(a => a.Item1.Status == 503).Select(a => a.Item1.DeliveryId), Has.None.AnyOf(stored.Keys.ToArray()),
            "a refused delivery was not half-stored");
        Assert.That(OutcomeJudge.Judge(bot.GitHub, database, answers).Problems, Is.Empty);
    }

    [Test]
    public async Task A_lock_held_longer_than_the_store_timeout_gets_503_in_time_and_nothing_stored_later()
    {
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["GitHub:WebhookStoreTimeoutSeconds"] = "1" });
        var population = LoadPopulation.Create(bot.GitHub, 3);

        var sent = new List<(Task<HttpResponseMessage> Response, string Id)>();
        await using (var locker = await LockAsync(bot.DatabasePath))
        {
            for (var i = 0; i < 6; i++)
            {
                var (eventName, body) = population.Delivery(i);
                var id = Guid.NewGuid().ToString();
                sent.Add((bot.SendAsync(eventName, body, id), id));
            }
            // GitHub waits 10 s for an answer; a lock longer than the store timeout must not hold the answer that long.
            var answered = Task.WhenAll(sent.Select(s => s.Response));
            Assert.That(await Task.WhenAny(answered, Task.Delay(TimeSpan.FromSeconds(6))), Is.SameAs(answered),
                "every delivery is answered while the lock is still held");
            Assert.That(sent.Select(s => (int)s.Response.Result.StatusCode), Is.All.EqualTo(503));
            await ExecuteAsync(locker, "COMMIT");
        }

        // Once the lock is gone the writer runs again; the refused deliveries must not appear after the fact.
        await bot.SendAsync(population.Delivery(0).Event, population.Delivery(0).Body);
        var stored = new ServiceDatabase(bot.DatabasePath).StateByDelivery();
        Assert.That(sent.Select(s => s.Id), Has.None.AnyOf(stored.Keys.ToArray()), "a delivery answered 503 was not stored later");
    }

    /// <summary>Another process's exclusive lock on the database (what a backup or an operator's sqlite3 shell may hold).</summary>
    internal static async Task<SqliteConnection> LockAsync(string path)
    {
        var locker = new SqliteConnection($"Data Source={path};Pooling=False");
        await locker.OpenAsync();
        await ExecuteAsync(locker, "BEGIN EXCLUSIVE");
        return locker;
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
