using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Bot.FakeGitHub;
using Bot.LoadTest;
using Bot.TestSupport.Postgres;

namespace Bot.Tests.Postgres;

/// <summary>
/// Issue 17 §5: two real <c>bot serve</c> processes on one PostgreSQL database and the fake GitHub, deliveries sent to
/// both in turn, one of them SIGKILLed in the middle and started again. No acknowledged delivery is lost, none is
/// evaluated into two evidence records, no head gets two check runs of one state, <c>bot verify</c> finds one linear chain
/// per table, and the periodic passes (which run every few seconds here) never ran on two processes at once: each process
/// logs when it ran each pass, and those times are compared, not anything the test sets itself.
/// </summary>
public sealed partial class TwoReplicaTests
{
    private const int Deliveries = 1200;
    private const int PullRequests = 40;
    private PostgresCluster _cluster = null!;
    private string _connectionString = null!;

    [OneTimeSetUp]
    public void StartCluster() => _cluster = PostgresCluster.Acquire();

    [SetUp]
    public void CreateDatabase() => _connectionString = _cluster.CreateDatabase();

    [TearDown]
    public void DropDatabase() => _cluster.DropDatabase(_connectionString);

    [Test]
    public async Task Two_replicas_lose_nothing_duplicate_nothing_and_run_periodic_work_one_at_a_time_across_a_kill()
    {
        var folder = Directory.CreateTempSubdirectory("bot-replicas-").FullName;
        try
        {
            await using var github = await FakeGitHubServer.StartAsync();
            var population = LoadPopulation.Create(github, PullRequests);
            var results = new (SentDelivery Sent, PopulationPullRequest Target)[Deliveries];
            var settings = Settings();
            var logs = new List<(string Log, DateTimeOffset? KilledAt)>();

            // a first: it takes the periodic work's leases at its start, so the kill shows them taken over.
            var a = await BotProcess.StartAsync(Folder(folder, "a"), github, settings);
            var b = await BotProcess.StartAsync(Folder(folder, "b"), github, settings);
            try
            {
                // First half: to a and b in turn; a is killed once a quarter of all deliveries were acknowledged.
                using (var toA = new DeliverySender(a.BaseUrl, BotProcess.Secret))
                using (var toB = new DeliverySender(b.BaseUrl, BotProcess.Secret))
                {
                    var acknowledged = 0;
                    var sends = SendAll(population, results, 0, Deliveries / 2, i => i % 2 == 0 ? toA : toB, () => Interlocked.Increment(ref acknowledged));
                    while (Volatile.Read(ref acknowledged) < Deliveries / 4) await Task.Delay(5);
                    a.Kill();
                    logs.Add((a.Log, DateTimeOffset.UtcNow));
                    await sends;
                }
                await a.DisposeAsync();

                // Second half: to the restarted a (a new replica) and b in turn.
                a = await BotProcess.StartAsync(Folder(folder, "a2"), github, settings);
                using (var toA = new DeliverySender(a.BaseUrl, BotProcess.Secret))
                using (var toB = new DeliverySender(b.BaseUrl, BotProcess.Secret))
                {
                    await SendAll(population, results, Deliveries / 2, Deliveries, i => i % 2 == 0 ? toA : toB, () => { });
                }

                // The killed replica's claims come back once their lease (10 s) expired, without any restart's help.
                var database = ServiceDatabase.Postgres(_connectionString);
                await LoadEngine.DrainAsync(database, TimeSpan.FromSeconds(240));
                var outcomes = OutcomeJudge.Judge(github, database, results);
                var acceptedAfterKill = results.Count(r => r.Sent.Status == 202);

                Assert.That(acceptedAfterKill, Is.InRange(Deliveries / 2, Deliveries - 1), "the kill landed mid-run: some deliveries to a went unanswered");
                Assert.That(results.Select(r => r.Sent.Status), Is.All.EqualTo(202).Or.EqualTo(0), "answered 2xx or not at all");
                Assert.That(outcomes.Problems, Is.Empty, "lost, duplicated or wrong");
                Assert.That(database.CountByState().Keys, Is.SubsetOf(new[] { "processed", "ignored" }));
                var duplicateRuns = github.CheckRuns(LoadPopulation.Repository)
                    .GroupBy(r => (r.HeadSha, r.Status, r.Conclusion)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                Assert.That(duplicateRuns, Is.Empty, "a head got two check runs of one state");

                // The deliveries may all be done before the lease the killed replica held expired (10 s) and a survivor's
                // next tick took it: give every pass up to three lease lengths to run after the kill before judging.
                var killed = logs[0].KilledAt!.Value;
                var watchUntil = DateTimeOffset.UtcNow.AddSeconds(30);
                while (DateTimeOffset.UtcNow < watchUntil && !EveryPassRanAfter(killed, a.Log, b.Log))
                    await Task.Delay(250);
            }
            finally
            {
                logs.Add((a.Log, null));
                logs.Add((b.Log, null));
                await a.DisposeAsync();
                await b.DisposeAsync();
            }

            var (exit, output) = await VerifyAsync();
            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.StartWith("ok "), output);
            Assert.That(output, Does.Not.Contain("broken"), output);

            var runs = logs.SelectMany((log, process) => PassRuns(log.Log, process, log.KilledAt)).ToList();
            var killedAt = logs[0].KilledAt!.Value;
            foreach (var lease in Leases)
            {
                var ofLease = runs.Where(r => r.Lease == lease).OrderBy(r => r.Started).ToList();
                Assert.That(ofLease.Count(r => r.Started > killedAt), Is.GreaterThan(0), $"{lease} went on after the kill");
                var overlaps = ofLease.Zip(ofLease.Skip(1)).Where(p => p.First.Process != p.Second.Process && p.Second.Started < p.First.Ended).ToList();
                Assert.That(overlaps, Is.Empty, $"{lease} ran on two processes at once");
            }
            Assert.That(runs.Select(r => r.Process).Distinct().Count(), Is.GreaterThan(1), "periodic work moved to another replica after the kill");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Evidence__Provider"] = "postgres",
        ["Evidence__ConnectionString"] = _connectionString,
        ["Evidence__LeaseSeconds"] = "10",
        // The periodic passes every 3 s, so that many of them run during the test.
        ["Reconcile__Enabled"] = "true",
        ["Reconcile__IntervalMinutes"] = "0.05",
        ["Reconcile__PopulationIntervalMinutes"] = "0.05",
        ["Reconcile__DeliveriesEnabled"] = "true",
        ["Reconcile__DeliveriesIntervalMinutes"] = "0.05",
        ["Logging__LogLevel__Bot.Serve.Processing.WorkLeaseKeeper"] = "Debug",
    };

    private static string Folder(string root, string name) => Directory.CreateDirectory(Path.Combine(root, name)).FullName;

    private static Task SendAll(LoadPopulation population, (SentDelivery, PopulationPullRequest)[] results, int from, int to,
        Func<int, DeliverySender> senderOf, Action acknowledged)
    {
        var gate = new SemaphoreSlim(16);
        return Task.WhenAll(Enumerable.Range(from, to - from).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var (eventName, body) = population.Delivery(i);
                var sent = await senderOf(i).SendAsync(eventName, body);
                if (sent.Status == 202) acknowledged();
                results[i] = (sent, population.PullRequests[i % population.PullRequests.Count]);
            }
            finally { gate.Release(); }
        }));
    }

    private sealed record PassRun(int Process, string Lease, DateTimeOffset Started, DateTimeOffset Ended);

    private static readonly string[] Leases = ["stale-check-sweep", "population-reconciliation", "deliveries-pass"];

    private static bool EveryPassRanAfter(DateTimeOffset killedAt, params string[] logs)
    {
        var started = logs.SelectMany(log => PassRuns(log, 0, killedAt)).Where(run => run.Started > killedAt).Select(run => run.Lease).ToHashSet();
        return Leases.All(started.Contains);
    }

    /// <summary>The passes a process logged (WorkLeaseKeeper): each start with its end; a pass it was still running when it
    /// was killed ends at the kill.</summary>
    private static IEnumerable<PassRun> PassRuns(string log, int process, DateTimeOffset? killedAt)
    {
        var open = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (Match match in PassLine().Matches(log))
        {
            var lease = match.Groups["lease"].Value;
            if (match.Groups["ended"].Success)
            {
                open.Remove(lease);
                yield return new PassRun(process, lease, Time(match.Groups["started"].Value), Time(match.Groups["ended"].Value));
            }
            else
            {
                open[lease] = Time(match.Groups["started"].Value);
            }
        }
        foreach (var (lease, started) in open)
        {
            yield return new PassRun(process, lease, started, killedAt ?? DateTimeOffset.MaxValue);
        }
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?:starts on replica \S+ at (?<started>\S+)|ran on replica \S+ from (?<started>\S+) to (?<ended>\S+)) under the lease (?<lease>[a-z-]+)")]
    private static partial Regex PassLine();

    private async Task<(int Exit, string Output)> VerifyAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "bot.dll"), "verify" }) start.ArgumentList.Add(argument);
        start.Environment["Evidence__Provider"] = "postgres";
        start.Environment["Evidence__ConnectionString"] = _connectionString;
        start.Environment["Evidence__HmacKey"] = BotProcess.HmacKey;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
