using Bot.FakeGitHub;

namespace Bot.Tests.Reconciliation;

/// <summary>What the sweep and the population reconciliation cost in API calls across 100 repositories with 1,000 open
/// pull requests when nothing changed: bounded by the number of repositories for the sweep (one conditional list call
/// each, answered 304) and by a constant for the reconciliation, none of it charged to the rate limit. The figures are
/// written to the test output (docs/performance.md quotes them).</summary>
public sealed class ReconcileCostTests
{
    private const int Repositories = 100;
    private const int PullRequestsEach = 10;
    private static readonly FakeUser Alice = new(100, "alice");

    [Test]
    public async Task With_nothing_changed_a_sweep_costs_a_304_per_repository_and_a_reconciliation_pass_two_304s()
    {
        await using var scenario = await ReconcileScenario.CreateAsync();
        var github = scenario.GitHub;
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        var pulls = new List<FakePullRequest>();
        for (var r = 0; r < Repositories; r++)
        {
            var repo = $"acme/service-{r:D3}";
            github.AddRepository(repo);
            github.AddBranchCommit(repo, "main", $"{r:x8}".PadRight(40, 'c'), "Initial commit\n", Alice, at: hourAgo);
            for (var n = 1; n <= PullRequestsEach; n++)
            {
                var pr = github.AddPullRequest(repo, n, Alice, $"{r:x8}{n:x8}".PadRight(40, 'a'), body: ReconcileScenario.NoAiBody);
                github.SetUpdatedAt(pr, hourAgo);
                pulls.Add(pr);
            }
        }
        var bot = await scenario.StartBotAsync();
        await scenario.SeedDecidedAsync(bot.Store, pulls, DateTimeOffset.UtcNow.AddMinutes(-30));
        var reconcile = scenario.Reconcile;

        github.Calls.Reset();
        Assert.That(await reconcile.SweepAsync(CancellationToken.None), Is.Zero);
        var firstSweep = Describe(github.Calls);
        github.Calls.Reset();
        var firstPass = await reconcile.ReconcilePopulationAsync(CancellationToken.None);
        var firstPassCalls = Describe(github.Calls);
        Assert.That(firstPass.Failed, Is.Zero);

        github.Calls.Reset();
        Assert.That(await reconcile.SweepAsync(CancellationToken.None), Is.Zero);
        var sweep = (github.Calls.Total, github.Calls.RateLimited, github.Calls.NotModified, Describe(github.Calls));
        github.Calls.Reset();
        var pass = await reconcile.ReconcilePopulationAsync(CancellationToken.None);
        var passCalls = (github.Calls.Total, github.Calls.RateLimited, github.Calls.NotModified, Describe(github.Calls));

        await TestContext.Out.WriteLineAsync($"{Repositories} repositories, {pulls.Count} open pull requests, nothing changed");
        await TestContext.Out.WriteLineAsync($"first sweep after start: {firstSweep}");
        await TestContext.Out.WriteLineAsync($"first reconciliation pass after start: {firstPassCalls}");
        await TestContext.Out.WriteLineAsync($"sweep: {sweep.Item4}");
        await TestContext.Out.WriteLineAsync($"reconciliation pass: {passCalls.Item4}");
        Assert.That(sweep.Total, Is.LessThanOrEqualTo(Repositories + 2), sweep.Item4);
        Assert.That(sweep.RateLimited, Is.Zero, sweep.Item4);
        Assert.That(passCalls.Total, Is.LessThanOrEqualTo(2), passCalls.Item4);
        Assert.That(passCalls.RateLimited, Is.Zero, passCalls.Item4);
        Assert.That(pass.Unchanged, Is.EqualTo(Repositories));
        var marks = await bot.Store.Reconciliation.BranchesAsync("acme/service-042");
        Assert.That(marks.Single().ReconciledThrough, Is.GreaterThan(marks.Single().FirstReconciledAt), "an unchanged repository is reconciled further without reading it");
    }

    private static string Describe(FakeCallLog calls) =>
        $"{calls.Total} calls, {calls.RateLimited} rate-limited, {calls.NotModified} answered 304 ("
        + string.Join(", ", calls.ByRoute.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} x{r.Value}")) + ")";
}
