using System.Diagnostics;
using System.Net;
using Bot.FakeGitHub;
using Bot.LoadTest;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

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
            // Holds the evaluation until the disk is full, so its evidence is written to a full disk.
            var release = new TaskCompletionSource();
            bot.GitHub.Faults.Enqueue(FakeFault.Held(release.Task, pathContains: $"/pulls/{target.Number}"));
            var (eventName, body) = population.Delivery(0);
            var id = Guid.NewGuid().ToString();

            Assert.That((int)(await bot.SendAsync(eventName, body, id)).StatusCode, Is.EqualTo(202));
            // SQLite reuses room its write-ahead log file already has: frames of a log that started over, and those a failed
            // commit wrote before it ran out. Writes that fit there succeed on a full disk (and are as durable as any), so
            // the log is emptied to zero bytes first, and a reader then keeps its snapshot open, as a long export would, so
            // the log cannot start over: every write after the disk fills needs room it cannot get.
            await using var pinned = await PinWriteAheadLogAsync(Path.Combine(folder, "bot.db"));
            var filler = Path.Combine(folder, "filler");
            Fill(filler);
            // Deliveries are sent until one cannot be stored: it is refused with 503, never acknowledged and lost.
            var refused = false;
            for (var i = 0; i < 5000 && !refused; i++)
            {
                var response = await bot.SendAsync("ping", WebhookPayloads.Raw("ping", "with-app_id.payload.json"));
                refused = response.StatusCode == HttpStatusCode.ServiceUnavailable;
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted).Or.EqualTo(HttpStatusCode.ServiceUnavailable));
            }
            Assert.That(refused, Is.True, "a delivery that cannot be stored is refused with 503");
            release.SetResult();

            string readyz = "";
            Assert.That(await BotUnderTest.EventuallyAsync(async () =>
            {
                var response = await bot.Http.GetAsync("/readyz");
                readyz = await response.Content.ReadAsStringAsync();
                return response.StatusCode == HttpStatusCode.ServiceUnavailable;
            }), Is.True, $"/readyz reports the failing writes; last: {readyz}");
            Assert.That(readyz, Is.EqualTo("not ready\n"), "terse for anyone");
            Assert.That((await bot.StatusAsync()).GetProperty("problems").ToString(), Does.Contain("evidence store writes failing"),
                "/status says why");
            Assert.That(bot.Log.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message),
                Has.Some.Matches<string>(m => m.Contains(id) && m.Contains("waits for the evidence store") && m.Contains("database or disk is full")),
                "the log names the delivery whose evidence could not be written, and why");
            var database = new ServiceDatabase(Path.Combine(folder, "bot.db"));
            // Many more retries against the full disk than the two attempts allowed.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.That(await bot.Store.Decisions.LatestAsync(target.Repository, target.Number), Is.Null);
            Assert.That(database.StateByDelivery()[id], Is.EqualTo("pending").Or.EqualTo("processing"),
                "the delivery is neither dropped nor given up");

            await pinned.DisposeAsync();
            File.Delete(filler);
            await LoadEngine.DrainAsync(database, TimeSpan.FromSeconds(60));
            Assert.That(database.StateByDelivery()[id], Is.EqualTo("processed"));
            Assert.That(await bot.Store.Decisions.LatestAsync(target.Repository, target.Number), Is.Not.Null);
            Assert.That(await BotUnderTest.EventuallyAsync(async () => (await bot.Http.GetAsync("/readyz")).IsSuccessStatusCode), Is.True,
                "ready again once writes succeed");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Run("umount", "-l", folder);
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    /// <summary>Checkpoints and truncates the write-ahead log, then opens a read transaction and keeps its snapshot until
    /// disposed.</summary>
    private static async Task<SqliteConnection> PinWriteAheadLogAsync(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        // The service's own connections (its checkpointer, a claim) can hold the log for a moment: a busy checkpoint is
        // tried again, a few seconds at most.
        for (var attempt = 1; ; attempt++)
        {
            using var truncate = connection.CreateCommand();
            truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var result = await truncate.ExecuteReaderAsync();
            if (await result.ReadAsync() && result.GetInt64(0) == 0)
                break;
            Assert.That(attempt, Is.LessThan(50), "the log was checkpointed and truncated");
            await Task.Delay(100);
        }
        using var pin = connection.CreateCommand();
        pin.CommandText = "BEGIN; SELECT COUNT(*) FROM deliveries;";
        await using (var reader = await pin.ExecuteReaderAsync())
        {
            Assert.That(await reader.ReadAsync(), Is.True);
        }

        return connection;
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
