using System.Diagnostics;
using Bot.FakeGitHub;

namespace Bot.LoadTest;

public sealed record LoadSettings
{
    public int Deliveries { get; init; } = 2000;

    /// <summary>Target deliveries per second (open loop: sends are due at i / Rate whatever the answers).</summary>
    public int Rate { get; init; } = 2000;

    public int PullRequests { get; init; } = 50;
    public int MaxInFlight { get; init; } = 256;
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Only intake: <c>bot serve</c> runs with <c>Worker:Enabled=false</c>, so the figures show what taking
    /// deliveries in costs with no evaluation sharing the machine; every acknowledged delivery must be kept pending.</summary>
    public bool IntakeOnly { get; init; }

    /// <summary>Width of the windows the ack p99 is also given for, so that a tail from start-up shows apart from one
    /// that lasts.</summary>
    public const int WindowSeconds = 10;

    /// <summary>Null: the service's SQLite file. Otherwise the PostgreSQL database the replicas share (empty, or one the
    /// tool's caller emptied: the judgement counts every delivery in it).</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary><c>bot serve</c> processes on the one store (PostgreSQL only for more than one); deliveries go to them in turn.</summary>
    public int Replicas { get; init; } = 1;
}

/// <summary>Starts a fake GitHub and the real <c>bot serve</c> against it, probes the API cost of one evaluation, sends
/// the deliveries at the target rate, waits until the inbox is drained, and judges every outcome. With
/// <see cref="LoadSettings.IntakeOnly"/> there is no probe and no drain: every acknowledged delivery must be pending.</summary>
public static class LoadEngine
{
    public static async Task<LoadReport> RunAsync(LoadSettings settings, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var folder = Directory.CreateTempSubdirectory("bot-load-").FullName;
        try
        {
            await using var github = await FakeGitHubServer.StartAsync();
            var population = LoadPopulation.Create(github, settings.PullRequests);
            await using var replicas = await ReplicaSet.StartAsync(folder, github, settings);
            var sender = replicas.Senders[0];
            var database = replicas.Database;
            var sent = new List<(SentDelivery, PopulationPullRequest)>();

            ApiCallProbe? probe = null;
            if (!settings.IntakeOnly)
            {
                progress.WriteLine("probing the API calls of one evaluation...");
                probe = await ProbeAsync(github, population, sender, database, sent, settings.DrainTimeout);
            }

            progress.WriteLine($"sending {settings.Deliveries} deliveries at {settings.Rate}/s...");
            github.Calls.Reset();
            var decisionsBefore = database.Decisions();
            var cpuBefore = replicas.CpuTime();
            var (results, sendSeconds) = await SendAllAsync(settings, population, replicas.Senders);
            sent.AddRange(results.Select((r, i) => (r, population.PullRequests[i % population.PullRequests.Count])));

            if (probe is not null)
            {
                progress.WriteLine("waiting for the inbox to drain...");
                await DrainAsync(database, settings.DrainTimeout);
            }
            var peakRss = replicas.PeakRssBytes();
            var cpu = replicas.CpuTime() - cpuBefore;
            var evaluations = database.Decisions() - decisionsBefore;
            var accepted = results.Count(r => r.Status is >= 200 and < 300);
            var figures = probe is null ? null : new EvaluationFigures(
                Distribution.Of(database.AcceptToDecisionMilliseconds(results.Select(r => r.DeliveryId))),
                Distribution.Of(database.AcceptToProcessedMilliseconds(results.Select(r => r.DeliveryId))),
                probe,
                evaluations == 0 ? 0 : (double)github.Calls.Total / evaluations);
            return new LoadReport(settings, accepted, results.Length - accepted, sendSeconds,
                Distribution.Of(results.Where(r => r.Status != 0).Select(r => r.AckMilliseconds)),
                AckP99ByWindow(results, settings),
                Distribution.Of(results.Where(r => r.ServiceMilliseconds is not null).Select(r => r.ServiceMilliseconds!.Value)),
                figures, evaluations, peakRss, cpu,
                probe is null ? OutcomeJudge.JudgeKeptPending(database, sent) : OutcomeJudge.Judge(github, database, sent));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    /// <summary>Counts GitHub calls of three evaluations, one at a time: the first pull request after start-up (the
    /// installation token and the owner's missing .github policy are not known yet), the first evaluation of another pull
    /// request once the service runs (the usual case), and a re-evaluation of the first, unchanged pull request.</summary>
    private static async Task<ApiCallProbe> ProbeAsync(FakeGitHubServer github, LoadPopulation population,
        DeliverySender sender, ServiceDatabase database, List<(SentDelivery, PopulationPullRequest)> sent, TimeSpan timeout)
    {
        async Task<(int Total, IReadOnlyDictionary<string, int> Routes, int RateLimited)> MeasureAsync(int delivery, int decisions, string what)
        {
            github.Calls.Reset();
            var (eventName, body) = population.Delivery(delivery);
            sent.Add((await sender.SendAsync(eventName, body), population.PullRequests[delivery % population.PullRequests.Count]));
            await UntilAsync(() => database.Decisions() >= decisions, timeout, what);
            return (github.Calls.Total, github.Calls.ByRoute, github.Calls.RateLimited);
        }

        var cold = await MeasureAsync(0, 1, "the first evaluation after start-up");
        var warm = await MeasureAsync(1, 2, "the first evaluation of a second pull request");
        // Deliveries from Count on are the review events of the same pull requests: PR 0 again, unchanged.
        var again = await MeasureAsync(population.PullRequests.Count, 3, "the re-evaluation");
        return new ApiCallProbe(cold.Total, cold.Routes, warm.Total, warm.Routes, again.RateLimited);
    }

    /// <summary>Deliveries are due at i / rate, so the i-th result belongs to window i / (rate * WindowSeconds).</summary>
    private static IReadOnlyList<double> AckP99ByWindow(SentDelivery[] results, LoadSettings settings) =>
        [.. results.Select((r, i) => (Window: i / (settings.Rate * LoadSettings.WindowSeconds), r))
            .Where(x => x.r.Status != 0)
            .GroupBy(x => x.Window)
            .OrderBy(g => g.Key)
            .Select(g => Distribution.Of(g.Select(x => x.r.AckMilliseconds)).P99)];

    private static async Task<(SentDelivery[], double)> SendAllAsync(LoadSettings settings, LoadPopulation population, IReadOnlyList<DeliverySender> senders)
    {
        var sends = new Task<SentDelivery>[settings.Deliveries];
        using var gate = new SemaphoreSlim(settings.MaxInFlight);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < sends.Length; i++)
        {
            var dueMilliseconds = i * 1000.0 / settings.Rate;
            var wait = dueMilliseconds - Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (wait >= 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            // The ack is timed from when the delivery was due, not from when the gate let it go: a slow service that fills
            // the in-flight window must not hide the wait it caused (coordinated omission).
            var due = start + (long)(dueMilliseconds * Stopwatch.Frequency / 1000);
            await gate.WaitAsync();
            var (eventName, body) = population.Delivery(i);
            // Round-robin over the replicas, as a load balancer without stickiness does.
            sends[i] = SendReleasingAsync(senders[i % senders.Count], gate, eventName, body, due);
        }
        var results = await Task.WhenAll(sends);
        return (results, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private static async Task<SentDelivery> SendReleasingAsync(DeliverySender sender, SemaphoreSlim gate, string eventName, byte[] body, long due)
    {
        try { return await sender.SendAsync(eventName, body, dueTimestamp: due); }
        finally { gate.Release(); }
    }

    public static Task DrainAsync(ServiceDatabase database, TimeSpan timeout) =>
        UntilAsync(() => database.Unfinished() == 0, timeout, "the inbox to drain");

    private static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
