using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bot.FakeGitHub;

namespace Bot.LoadTest;

/// <summary>What an outage costs to recover from (issue 14's figure): <c>bot serve</c> runs once so its deliveries pass leaves
/// a mark, is stopped, and during a simulated hour GitHub records N deliveries it could not make (2N/5 pull requests opened,
/// a review of each, N/10 merges with their pushes). The service is then started again on the same file and timed from the
/// process start until the population is complete: every missed delivery processed, every merge recorded as a change, and
/// every open pull request at its right conclusion. Nothing is sent to its webhook.</summary>
public static class OutageRecovery
{
    public const string MergedRepository = "load/merged";
    private static readonly TimeSpan Outage = TimeSpan.FromHours(1);

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Reconcile__DeliveriesEnabled"] = "true",
        ["Reconcile__DeliveriesIntervalMinutes"] = "600", // the start-up pass only
    };

    public static async Task<OutageReport> RunAsync(int missed, TextWriter progress, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (missed < 10 || missed % 10 != 0) throw new ArgumentOutOfRangeException(nameof(missed), "a multiple of 10");
        var folder = Directory.CreateTempSubdirectory("bot-outage-").FullName;
        try
        {
            await using var github = await FakeGitHubServer.StartAsync();
            var population = LoadPopulation.Create(github, missed * 2 / 5);
            var merges = Merges(github, missed / 10);

            progress.WriteLine("starting bot serve once, so that its deliveries pass marks where it read to...");
            await using (var before = await BotProcess.StartAsync(folder, github, Settings))
                await UntilAsync(() => new ServiceDatabase(before.DatabasePath).DeliveriesPassed(), TimeSpan.FromMinutes(1), "the first deliveries pass");

            progress.WriteLine($"an hour of outage: GitHub records {missed} deliveries it could not make...");
            var deliveries = Missed(population, merges);
            var start = DateTimeOffset.UtcNow - Outage;
            var sent = new List<(SentDelivery, PopulationPullRequest)>();
            for (var i = 0; i < deliveries.Count; i++)
            {
                var (eventName, body, target) = deliveries[i];
                var delivery = github.RecordDelivery(eventName, body, status: "failed to connect", statusCode: 0, deliveredAt: start + Outage * i / deliveries.Count);
                if (target is not null) sent.Add((new SentDelivery(delivery.DeliveryGuid, 202, 0, delivery.DeliveredAt), target));
            }
            github.Calls.Reset();

            progress.WriteLine("starting bot serve again and timing it until the population is complete...");
            var clock = Stopwatch.StartNew();
            await using var after = await BotProcess.StartAsync(folder, github, Settings);
            var healthy = clock.Elapsed;
            var database = new ServiceDatabase(after.DatabasePath);
            await UntilAsync(() => database.CountByState().Values.Sum() >= missed && database.Unfinished() == 0 && database.Changes() >= merges.Count,
                timeout ?? TimeSpan.FromMinutes(5), "a complete population");
            var complete = clock.Elapsed;

            var outcomes = OutcomeJudge.Judge(github, database, sent);
            var problems = outcomes.Problems.ToList();
            var states = database.StateByDelivery();
            problems.AddRange(github.HookDeliveries().Where(d => states.GetValueOrDefault(d.DeliveryGuid) != "processed")
                .Take(20).Select(d => $"missed delivery {d.DeliveryGuid} ({d.Event}) is {states.GetValueOrDefault(d.DeliveryGuid) ?? "not in the inbox"}"));
            if (database.Changes() != merges.Count) problems.Add($"{database.Changes()} changes recorded, {merges.Count} merges happened");
            return new OutageReport(missed, population.PullRequests.Count, merges.Count, healthy.TotalSeconds, complete.TotalSeconds,
                github.Calls.For("GET /app/hook/deliveries"), github.Calls.For("GET /app/hook/deliveries/{id}"), github.Calls.Total,
                database.Decisions(), database.Changes(), problems);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    /// <summary>The deliveries of the hour in the order they happened: the pull requests opened, their reviews, then each
    /// merge and the push that landed it. Open pull requests name their target (judged by its conclusion).</summary>
    private static List<(string Event, byte[] Body, PopulationPullRequest? Target)> Missed(LoadPopulation population, IReadOnlyList<(byte[] Closed, byte[] Push)> merges)
    {
        var list = new List<(string, byte[], PopulationPullRequest?)>();
        for (var i = 0; i < population.PullRequests.Count * 2; i++)
        {
            var (eventName, body) = population.Delivery(i);
            list.Add((eventName, body, population.PullRequests[i % population.PullRequests.Count]));
        }
        foreach (var (closed, push) in merges)
        {
            list.Add(("pull_request", closed, null));
            list.Add(("push", push, null));
        }
        return list;
    }

    /// <summary>N pull requests of <see cref="MergedRepository"/>, each squash-merged onto main during the outage.</summary>
    private static List<(byte[] Closed, byte[] Push)> Merges(FakeGitHubServer github, int count)
    {
        github.AddRepository(MergedRepository);
        var author = new FakeUser(100, "alice");
        var merges = new List<(byte[], byte[])>();
        for (var number = 1; number <= count; number++)
        {
            string Sha(char kind) => kind + number.ToString("x", CultureInfo.InvariantCulture).PadLeft(39, '0');
            var pr = github.AddPullRequest(MergedRepository, number, author, Sha('a'), title: $"Change {number}");
            github.AddCommit(pr, Sha('a'), $"Change {number}\n", author);
            github.SetMerged(pr, Sha('c'));
            var squash = new FakeCommit(Sha('c'), $"Change {number} (#{number})\n", "alice", "alice@example.com", author, "GitHub", "noreply@github.com",
                null, [Sha('b')], DateTimeOffset.UtcNow);
            github.SetCompare(MergedRepository, Sha('b'), Sha('c'), "ahead", [squash]);
            merges.Add((Closed(number, Sha('a'), Sha('b'), Sha('c')), Push(Sha('b'), Sha('c'), squash.Message)));
        }
        return merges;
    }

    private static byte[] Closed(int number, string head, string baseSha, string merged)
    {
        var node = Retargeted("pull_request", "closed.payload.json");
        node["number"] = number;
        var pr = node["pull_request"]!;
        pr["number"] = number;
        pr["merged"] = true;
        pr["merged_at"] = DateTimeOffset.UtcNow.AddMinutes(-30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        pr["merge_commit_sha"] = merged;
        pr["merged_by"] = new JsonObject { ["login"] = "carol", ["id"] = 300, ["type"] = "User" };
        pr["head"]!["sha"] = head;
        pr["base"]!["sha"] = baseSha;
        pr["base"]!["ref"] = "main";
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] Push(string before, string after, string message)
    {
        var node = Retargeted("push", "with-new-branch.payload.json");
        var commit = node["commits"]![0]!.DeepClone();
        commit["id"] = after;
        commit["message"] = message;
        node["ref"] = "refs/heads/main";
        node["before"] = before;
        node["after"] = after;
        node["created"] = false;
        node["commits"] = new JsonArray(commit);
        node["head_commit"] = commit.DeepClone();
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static JsonNode Retargeted(string eventName, string file)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", eventName, file)))!;
        var parts = MergedRepository.Split('/');
        node["repository"]!["full_name"] = MergedRepository;
        node["repository"]!["name"] = parts[1];
        node["repository"]!["owner"]!["login"] = parts[0];
        node["repository"]!["default_branch"] = "main";
        node["installation"] = new JsonObject { ["id"] = FakeGitHubServer.DefaultInstallationId };
        return node;
    }

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

public sealed record OutageReport(
    int Missed,
    int OpenPullRequests,
    int MergedPullRequests,
    double SecondsToHealthy,
    double SecondsToComplete,
    int DeliveryListCalls,
    int DeliveryFetchCalls,
    int GitHubCalls,
    long Decisions,
    long Changes,
    IReadOnlyList<string> Problems)
{
    public bool Clean => Problems.Count == 0;

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"outage of 1 hour: {Missed} missed deliveries ({OpenPullRequests} pull requests opened and reviewed, {MergedPullRequests} merged and pushed)");
        output.WriteLine($"from process start: healthy after {SecondsToHealthy:F1} s, population complete after {SecondsToComplete:F1} s");
        output.WriteLine($"GitHub API calls until complete: {GitHubCalls} ({DeliveryListCalls} listing deliveries, {DeliveryFetchCalls} fetching one; {Decisions} evaluations recorded, {Changes} changes)");
        output.WriteLine(Clean ? "complete: every missed delivery processed, every merge recorded, every open pull request at its right conclusion" : "NOT complete:");
        foreach (var problem in Problems) output.WriteLine("  " + problem);
    }
}
