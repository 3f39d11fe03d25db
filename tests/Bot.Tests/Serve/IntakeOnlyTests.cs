using System.Net;
using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.LoadTest;
using Bot.Tests.Support;

namespace Bot.Tests.Serve;

/// <summary><c>Worker:Enabled=false</c>: the process takes webhooks in and evaluates nothing; what it accepted waits in
/// the inbox for a process with workers.</summary>
public sealed class IntakeOnlyTests
{
    [Test]
    public async Task Without_workers_a_delivery_is_kept_pending_and_a_process_with_workers_evaluates_it()
    {
        var folder = Directory.CreateTempSubdirectory("bot-intake-only-").FullName;
        var database = Path.Combine(folder, "bot.db");
        try
        {
            var intakeGitHub = await FakeGitHubServer.StartAsync();
            var target = LoadPopulation.Create(intakeGitHub, 1);
            var (eventName, body) = target.Delivery(0);
            await using (var intake = await BotUnderTest.StartAsync(
                new Dictionary<string, string?> { ["Worker:Enabled"] = "false", ["Evidence:DatabasePath"] = database }, intakeGitHub))
            {
                Assert.That((await intake.SendAsync(eventName, body)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
                // Twenty poll intervals: a worker would have claimed the delivery and called GitHub long before.
                await Task.Delay(TimeSpan.FromSeconds(1));

                var counts = await intake.Store.Inbox.CountByStateAsync();
                Assert.That(counts.GetValueOrDefault(DeliveryState.Pending), Is.EqualTo(1), "kept, not lost");
                Assert.That(counts.Values.Sum(), Is.EqualTo(1), "and not claimed");
                Assert.That(intakeGitHub.Calls.Total, Is.Zero, "nothing was fetched or posted");
                var ready = await intake.Http.GetAsync("/readyz");
                Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "webhooks are still taken in");
                Assert.That((await intake.StatusAsync()).GetProperty("workersEnabled").GetBoolean(), Is.False, "/status says nothing is evaluated");
            }

            // The same pull request in a second fake GitHub (the first one stopped with the intake-only process).
            var workerGitHub = await FakeGitHubServer.StartAsync();
            var pullRequest = LoadPopulation.Create(workerGitHub, 1).PullRequests[0];
            await using var worker = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["Evidence:DatabasePath"] = database }, workerGitHub);
            Assert.That(await BotUnderTest.EventuallyAsync(async () =>
                (await worker.Store.Inbox.CountByStateAsync()).GetValueOrDefault(DeliveryState.Processed) == 1), Is.True);
            var runs = workerGitHub.CheckRuns(pullRequest.Repository).Where(r => r.HeadSha == pullRequest.HeadSha).ToList();
            Assert.That(runs, Has.Count.EqualTo(1));
            Assert.That(runs[0].Conclusion, Is.EqualTo(LoadPopulation.ConclusionOf(pullRequest.Expected)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }
}
