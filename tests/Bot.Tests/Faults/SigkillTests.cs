using System.Diagnostics;
using Bot.FakeGitHub;
using Bot.LoadTest;

namespace Bot.Tests.Faults;

/// <summary>The real <c>bot serve</c> process is killed with SIGKILL in the middle of a run and started again on the same
/// database: every acknowledged delivery is processed, none twice, and the evidence chain verifies.</summary>
public sealed class SigkillTests
{
    private const int Deliveries = 10_000;

    [Test]
    public async Task Every_acknowledged_delivery_is_processed_exactly_once_across_a_kill()
    {
        var folder = Directory.CreateTempSubdirectory("bot-kill-").FullName;
        try
        {
            await using var github = await FakeGitHubServer.StartAsync();
            var population = LoadPopulation.Create(github, 40);
            var results = new (SentDelivery Sent, PopulationPullRequest Target)[Deliveries];

            await using (var first = await BotProcess.StartAsync(folder, github))
            {
                using var sender = new DeliverySender(first.BaseUrl, BotProcess.Secret);
                var acknowledged = 0;
                using var gate = new SemaphoreSlim(32);
                var sends = Enumerable.Range(0, Deliveries).Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        var (eventName, body) = population.Delivery(i);
                        var sent = await sender.SendAsync(eventName, body);
                        if (sent.Status == 202) Interlocked.Increment(ref acknowledged);
                        results[i] = (sent, population.PullRequests[i % population.PullRequests.Count]);
                    }
                    finally { gate.Release(); }
                }).ToList();
                while (Volatile.Read(ref acknowledged) < Deliveries / 2) await Task.Delay(5);
                first.Kill();
                await Task.WhenAll(sends);
            }

            var accepted = results.Count(r => r.Sent.Status == 202);
            Assert.That(accepted, Is.InRange(Deliveries / 2, Deliveries - 1), "the kill landed mid-run");
            Assert.That(results.Select(r => r.Sent.Status), Is.All.EqualTo(202).Or.EqualTo(0), "answered 2xx or not at all");

            await using (var second = await BotProcess.StartAsync(folder, github))
            {
                var database = new ServiceDatabase(second.DatabasePath);
                await LoadEngine.DrainAsync(database, TimeSpan.FromSeconds(120));
                var outcomes = OutcomeJudge.Judge(github, database, results);
                Assert.That(outcomes.Problems, Is.Empty);
                Assert.That(database.CountByState().Keys, Is.SubsetOf(new[] { "processed", "ignored" }));
            }

            var (exit, output) = await VerifyAsync(Path.Combine(folder, "bot.db"));
            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.StartWith("ok "));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    private static async Task<(int Exit, string Output)> VerifyAsync(string database)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "bot.dll"), "verify", "--db", database }) start.ArgumentList.Add(argument);
        start.Environment["Evidence__HmacKey"] = BotProcess.HmacKey;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
