using Bot.Evidence;
using Bot.Evidence.CheckRuns;
using Bot.Evidence.Decisions;
using Bot.FakeGitHub;
using Bot.Serve.Evaluation;
using Bot.Serve.Processing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Reconciliation;

/// <summary>"The bot is stopped, things happen on GitHub, the bot starts": one fake GitHub and one database file shared by
/// the bots started one after the other.</summary>
internal sealed class ReconcileScenario : IAsyncDisposable
{
    public const string NoAiBody = """
        - [ ] This change includes AI-assisted code
        - [x] This change does not include AI-assisted code
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("bot-reconcile-").FullName;
    private BotUnderTest? _bot;

    private ReconcileScenario(FakeGitHubServer github) => GitHub = github;

    public FakeGitHubServer GitHub { get; }

    public string DatabasePath => Path.Combine(_folder, "bot.db");

    public BotUnderTest Bot => _bot ?? throw new InvalidOperationException("no bot is running");

    public ReconcileService Reconcile => Bot.Services.GetRequiredService<ReconcileService>();

    public static async Task<ReconcileScenario> CreateAsync() => new(await FakeGitHubServer.StartAsync());

    /// <summary>Starts a bot on the shared fake and database. <paramref name="reconcile"/>: its sweep and reconciliation
    /// run at start-up on their own (otherwise the test calls them).</summary>
    public async Task<BotUnderTest> StartBotAsync(bool reconcile = false, IDictionary<string, string?>? settings = null)
    {
        await StopBotAsync();
        var config = new Dictionary<string, string?>
        {
            ["Evidence:DatabasePath"] = DatabasePath,
            ["Reconcile:Enabled"] = reconcile ? "true" : "false",
            ["Reconcile:IntervalMinutes"] = "60",
            ["Reconcile:PopulationIntervalMinutes"] = "60",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        _bot = await BotUnderTest.StartAsync(config, GitHub);
        _bot.KeepGitHubRunning = true;
        return _bot;
    }

    public async Task StopBotAsync()
    {
        if (_bot is null) return;
        await _bot.DisposeAsync();
        _bot = null;
    }

    /// <summary>What the evaluation of an unchanged, decided pull request left behind, written straight into the store: a
    /// decision recorded at <paramref name="decidedAt"/> and the check run that shows it, for many pull requests at once.</summary>
    public async Task SeedDecidedAsync(IEvidenceStore store, IEnumerable<FakePullRequest> pulls, DateTimeOffset decidedAt)
    {
        var list = pulls.ToList();
        var runs = list.ToDictionary(pr => pr, pr => GitHub.AddCheckRun(pr.Repository.FullName, pr.HeadSha, "AI Change Control", "in_progress", title: "Waiting for 1 approval").Id);
        await store.Decisions.AppendManyAsync([.. list.Select(pr =>
            Decision(pr.Repository.FullName, pr.Number, pr.HeadSha, pr.BaseRef, pr.Body, "pending", decidedAt))]);
        await Task.WhenAll(list.Select(pr => store.CheckRuns.SaveAsync(
            new CheckRunEntry(pr.Repository.FullName, pr.HeadSha, runs[pr], "in_progress", null, "Waiting for 1 approval", null, decidedAt.AddSeconds(-1)))));
    }

    /// <summary>A decision as the evaluator records it, with only what the stale-check sweep compares filled in for real.</summary>
    public static DecisionRecord Decision(string repository, int number, string headSha, string baseRef, string? body, string conclusion,
        DateTimeOffset recordedAt) => new()
    {
        RecordedAt = recordedAt,
        InstallationId = FakeGitHubServer.DefaultInstallationId,
        Repository = repository,
        PullRequestNumber = number,
        HeadSha = headSha,
        BaseRef = baseRef,
        BodySha256 = DecisionRecordFactory.BodySha256(body),
        BotVersion = "test",
        PolicySource = "built-in default policy",
        Conclusion = conclusion,
        Title = "Waiting for 1 approval",
        AiAssisted = false,
        ToolsJson = "[]",
        ContributorsJson = "[]",
        ApprovalsJson = "[]",
        RulesJson = "[]",
        DecisionJson = "{}",
    };

    public async ValueTask DisposeAsync()
    {
        await StopBotAsync();
        await GitHub.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* harmless leftover */ }
    }
}
