using System.Diagnostics;
using System.Net;
using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.LoadTest;
using Bot.Tests.Support;

namespace Bot.Tests.Faults;

/// <summary>The disk fills while a delivery is being evaluated (a real tmpfs of a few MiB, so SQLite gets ENOSPC):
/// the delivery stays in the inbox, /readyz says why, and once space returns it is decided and recorded.</summary>
public sealed class DiskFullTests
{
    [Test]
    public async Task A_full_disk_keeps_the_delivery_pending_says_so_on_readyz_and_recovers()
    {
        var folder = Directory.CreateTempSubdirectory("bot-diskfull-").FullName;
        Assume.That(Run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", folder), Is.Zero, "needs root to mount a small tmpfs");
        try
        {
            await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?>
            {
                ["Evidence:DatabasePath"] = Path.Combine(folder, "bot.db"),
                // Two attempts, while the disk stays full for many retries: a full disk is not the change's fault, so it must
                // not use up the attempts (the delivery would end failed if it did).
                ["Worker:MaxAttempts"] = "2",
            });
            var population = LoadPopulation.Create(bot.GitHub, 1);
            var target = population.PullRequests[0];
            // Holds the evaluation long enough for the disk to fill before its evidence is written.
            bot.GitHub.Faults.Enqueue(FakeFault.Slow(TimeSpan.FromSeconds(4), pathContains: $"/pulls/{target.Number}"));
            var (eventName, body) = population.Delivery(0);
            var id = Guid.NewGuid().ToString();

            Assert.That((int)(await bot.SendAsync(eventName, body, id)).StatusCode, Is.EqualTo(202));
            var filler = Path.Combine(folder, "filler");
            Fill(filler);
            // SQLite reuses the space its write-ahead log already has, so the first writes after the disk fills may still
            // succeed (and are as durable as any). Deliveries are sent until the log needs room it cannot get: that one is
            // refused with 503, never acknowledged and lost, and the slowed evaluation then finds no room for its evidence.
            var refused = false;
            for (var i = 0; i < 5000 && !refused; i++)
            {
                var response = await bot.SendAsync("ping", WebhookPayloads.Raw("ping", "with-app_id.payload.json"));
                refused = response.StatusCode == HttpStatusCode.ServiceUnavailable;
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted).Or.EqualTo(HttpStatusCode.ServiceUnavailable));
            }
            Assert.That(refused, Is.True, "a delivery that cannot be stored is refused with 503");

            string readyz = "";
            Assert.That(await BotUnderTest.EventuallyAsync(async () =>
            {
                var response = await bot.Http.GetAsync("/readyz");
                readyz = await response.Content.ReadAsStringAsync();
                return response.StatusCode == HttpStatusCode.ServiceUnavailable;
            }), Is.True, $"/readyz reports the failing writes; last: {readyz}");
            Assert.That(readyz, Does.Contain("evidence store writes failing"));
            Assert.That(await bot.Store.LatestDecisionAsync(target.Repository, target.Number), Is.Null);
            var counts = await bot.Store.CountDeliveriesByStateAsync();
            Assert.That(counts.GetValueOrDefault(DeliveryState.Processed) + counts.GetValueOrDefault(DeliveryState.Failed), Is.Zero,
                "the delivery is neither dropped nor given up");

            // Let the retries run against the full disk for a while: many more than the two attempts allowed.
            await Task.Delay(TimeSpan.FromSeconds(1));
            File.Delete(filler);
            var database = new ServiceDatabase(Path.Combine(folder, "bot.db"));
            await LoadEngine.DrainAsync(database, TimeSpan.FromSeconds(60));
            Assert.That(database.StateByDelivery()[id], Is.EqualTo("processed"));
            Assert.That(await bot.Store.LatestDecisionAsync(target.Repository, target.Number), Is.Not.Null);
            Assert.That(await BotUnderTest.EventuallyAsync(async () => (await bot.Http.GetAsync("/readyz")).IsSuccessStatusCode), Is.True,
                "ready again once writes succeed");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", "-l", folder);
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    /// <summary>Writes until the file system says there is no space left.</summary>
    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full, which is the point.
        }
    }

    private static int Run(string file, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
