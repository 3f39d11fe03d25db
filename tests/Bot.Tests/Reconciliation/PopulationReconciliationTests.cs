using System.Globalization;
using System.Text.Json;
using Bot.Cli;
using Bot.Evidence.Changes;
using Bot.FakeGitHub;
using Bot.Tests.Population;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Reconciliation;

/// <summary>policy.md §8 "Longer gaps": the change population reconciled with branch history, through the real service
/// and the fake GitHub's commit graph, then exported by <c>bot export</c>.</summary>
public sealed class PopulationReconciliationTests
{
    private const string Repo = "acme/payments";
    private static readonly FakeUser Alice = new(100, "alice");
    private static readonly FakeUser Bob = new(200, "bob");
    private static readonly FakeUser Carol = new(300, "carol");
    private static readonly FakeUser Mallory = new(400, "mallory");

    private static string Sha(char c) => new(c, 40);

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<(int Exit, string Output, string Error)> ExportAsync(string db, DateTimeOffset from, DateTimeOffset to, string format = "json")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await BotCli.RunAsync(["export", "--db", db, "--from", Day(from), "--to", Day(to), "--format", format], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static List<(string Kind, string ChangeId, string Source)> Changes(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        return [.. connection.Query<(string, string, string)>("SELECT kind, change_id, source FROM changes ORDER BY seq")];
    }

    private static List<string> CommitShas(string db, string changeId)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        return JsonSerializer.Deserialize<List<string>>(connection.ExecuteScalar<string>(
            "SELECT commit_shas_json FROM changes WHERE change_id = @changeId", new { changeId })!)!;
    }

    /// <summary>main holds one commit from an hour ago; pull request #1 is opened on it, approved by Bob.</summary>
    private static FakePullRequest Setup(FakeGitHubServer github)
    {
        github.AddRepository(Repo);
        github.AddBranchCommit(Repo, "main", Sha('9'), "Initial commit\n", Alice, at: DateTimeOffset.UtcNow.AddHours(-1));
        var pr = github.AddPullRequest(Repo, 1, Alice, Sha('1'), body: ReconcileScenario.NoAiBody, title: "Fix rounding");
        github.AddPullRequestCommit(pr, Sha('1'), "Fix rounding\n", Alice);
        github.AddFile(pr, "src/rounding.cs");
        github.AddReview(pr, Bob, "APPROVED");
        return pr;
    }

    [Test]
    public async Task An_outage_longer_than_GitHub_keeps_deliveries_is_made_good_from_branch_history_alone()
    {
        await using var scenario = await ReconcileScenario.CreateAsync();
        var github = scenario.GitHub;
        var pr = Setup(github);
        var before = await scenario.StartBotAsync();
        await before.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, Sha('1')));
        await scenario.Reconcile.ReconcilePopulationAsync(CancellationToken.None); // main is reconciled from here on
        await scenario.StopBotAsync();

        // While the bot is down (longer than GitHub keeps deliveries): #1 is squash-merged, and someone pushes to main directly.
        // (GitHub gives merged_at in whole seconds: a moment later than the decision, as a merge after a check is.)
        var squash = github.Merge(pr, FakeMergeMethod.Squash, Carol, DateTimeOffset.UtcNow.AddSeconds(2)).After;
        github.AddBranchCommit(Repo, "main", Sha('d'), "Tweak config on main\n\nAI-Assisted: Copilot\n", Mallory);

        var after = await scenario.StartBotAsync(reconcile: true);
        Assert.That(await BotUnderTest.EventuallyAsync(() => Changes(scenario.DatabasePath).Count == 2), Is.True,
            string.Join("; ", Changes(scenario.DatabasePath)));
        Assert.That(Changes(scenario.DatabasePath), Is.EqualTo(new[]
        {
            (ChangeKinds.PullRequest, "1", ChangeSources.Reconcile),
            (ChangeKinds.DirectPush, Sha('d'), ChangeSources.Reconcile),
        }));
        Assert.That((await after.Store.Inbox.CountByStateAsync()).Values.Sum(), Is.EqualTo(1), "only #1's opened delivery, before the outage");

        var now = DateTimeOffset.UtcNow;
        var (exit, output, error) = await ExportAsync(scenario.DatabasePath, now.AddDays(-1), now);
        var export = JsonDocument.Parse(output).RootElement;
        var changes = export.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("change_id").GetString()!);
        var merged = changes["1"];
        Assert.Multiple(() =>
        {
            Assert.That(merged.GetProperty("kind").GetString(), Is.EqualTo("pull_request"));
            Assert.That(merged.GetProperty("title").GetString(), Is.EqualTo("Fix rounding"));
            Assert.That(merged.GetProperty("merged_by").GetString(), Is.EqualTo("carol"));
            Assert.That(merged.GetProperty("decision_conclusion").GetString(), Is.EqualTo("success"), "the decision made before the outage");
            Assert.That(merged.GetProperty("findings").GetArrayLength(), Is.Zero);
            Assert.That(merged.GetProperty("commit_shas").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { squash }));
            var direct = changes[Sha('d')];
            Assert.That(direct.GetProperty("kind").GetString(), Is.EqualTo("direct_push"));
            Assert.That(direct.GetProperty("ai_tools").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "Copilot" }));
            Assert.That(direct.GetProperty("findings").EnumerateArray().Select(f => f.GetString()), Has.Some.StartsWith("no_pull_request"));
        });

        // Today is not over, so it cannot be reconciled to its end: exported, but incomplete, and it says why.
        var reconciliation = export.GetProperty("completeness").GetProperty("reconciliation").EnumerateArray().Single();
        Assert.That(reconciliation.GetProperty("repository").GetString(), Is.EqualTo(Repo));
        Assert.That(reconciliation.GetProperty("covers_period").GetBoolean(), Is.False);
        Assert.That(exit, Is.EqualTo(ExportCommand.ExportedWithGaps), error);
        Assert.That(error, Does.Contain("not reconciled to the period's end: " + Repo));
        var (_, csv, _) = await ExportAsync(scenario.DatabasePath, now.AddDays(-1), now, "csv");
        Assert.That(csv, Does.Contain($"# reconciled_through: {Repo} "));
        Assert.That(csv, Does.Contain($"# incomplete: {Repo} is reconciled with its branches' history only through "));

        // A period that ended before the last pass is reconciled to its end.
        var (pastExit, pastOutput, pastError) = await ExportAsync(scenario.DatabasePath, now.AddDays(-3), now.AddDays(-2));
        Assert.That(pastExit, Is.EqualTo(ExitCodes.Ok), pastError);
        Assert.That(JsonDocument.Parse(pastOutput).RootElement.GetProperty("completeness").GetProperty("reconciliation")[0]
            .GetProperty("covers_period").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_change_its_delivery_recorded_is_not_recorded_again_and_an_unmoved_branch_costs_no_history_read()
    {
        await using var scenario = await ReconcileScenario.CreateAsync();
        var github = scenario.GitHub;
        var pr = Setup(github);
        var bot = await scenario.StartBotAsync();
        await scenario.Reconcile.ReconcilePopulationAsync(CancellationToken.None);

        var mergedAt = DateTimeOffset.UtcNow;
        var landing = github.Merge(pr, FakeMergeMethod.Squash, Carol, mergedAt);
        await bot.DeliverAndDrainAsync("pull_request", PopulationPayloads.Merged(Repo, 1, "Fix rounding", "alice", Sha('1'), landing.Before, landing.After,
            mergedAt, "carol"));
        Assert.That(Changes(scenario.DatabasePath), Has.Count.EqualTo(1));

        github.Calls.Reset();
        var report = await scenario.Reconcile.ReconcilePopulationAsync(CancellationToken.None);
        Assert.That(Changes(scenario.DatabasePath), Is.EqualTo(new[] { (ChangeKinds.PullRequest, "1", ChangeSources.Webhook) }));
        Assert.That(report.NewCommits, Is.Zero, "the merge commit is held by the recorded change");
        Assert.That(github.Calls.For("GET /repos/{owner}/{repo}/commits/{sha}/pulls"), Is.Zero, "a held commit costs no lookup");

        github.Calls.Reset();
        await scenario.Reconcile.ReconcilePopulationAsync(CancellationToken.None);
        Assert.That(github.Calls.For("GET /repos/{owner}/{repo}/compare/{**basehead}"), Is.Zero, "main has not moved");
        Assert.That(Changes(scenario.DatabasePath), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_merge_commit_and_a_rebase_found_in_history_are_their_pull_requests_with_every_commit_that_landed()
    {
        await using var scenario = await ReconcileScenario.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        github.AddBranchCommit(Repo, "main", Sha('9'), "Initial commit\n", Alice);
        await scenario.StartBotAsync();
        await scenario.Reconcile.ReconcilePopulationAsync(CancellationToken.None); // main is reconciled from here on

        // Without a delivery reaching the bot: #1 lands with a merge commit, #2 as rebased copies of its two commits.
        var merged = github.AddPullRequest(Repo, 1, Alice, Sha('1'), title: "Parse amounts");
        github.AddPullRequestCommit(merged, Sha('1'), "Parse amounts\n", Alice);
        github.AddPullRequestCommit(merged, Sha('2'), "Test parsing\n", Alice);
        var mergeLanding = github.Merge(merged, FakeMergeMethod.Merge, Carol, DateTimeOffset.UtcNow);
        var rebased = github.AddPullRequest(Repo, 2, Bob, Sha('3'), title: "Round amounts", headRef: "round");
        github.AddPullRequestCommit(rebased, Sha('3'), "Round amounts\n", Bob);
        github.AddPullRequestCommit(rebased, Sha('4'), "Test rounding\n", Bob);
        var rebaseLanding = github.Merge(rebased, FakeMergeMethod.Rebase, Carol, DateTimeOffset.UtcNow);

        github.Calls.Reset();
        var report = await scenario.Reconcile.ReconcilePopulationAsync(CancellationToken.None);

        Assert.That(report.NewCommits, Is.EqualTo(5), "two branch commits and the merge commit of #1, two copies of #2");
        Assert.That(Changes(scenario.DatabasePath), Is.EqualTo(new[]
        {
            (ChangeKinds.PullRequest, "1", ChangeSources.Reconcile),
            (ChangeKinds.PullRequest, "2", ChangeSources.Reconcile),
        }), "no commit of either is a direct push");
        Assert.That(CommitShas(scenario.DatabasePath, "1"), Is.EquivalentTo(mergeLanding.Commits.Select(c => c.Sha)));
        Assert.That(CommitShas(scenario.DatabasePath, "2"), Is.EquivalentTo(rebaseLanding.Commits.Select(c => c.Sha)));
        Assert.That(github.Calls.For("GET /repos/{owner}/{repo}/commits/{sha}/pulls"), Is.EqualTo(2),
            "one lookup per pull request: its other commits are then held by its recorded change");
    }

    [Test]
    public async Task Rewritten_new_and_deleted_branches_are_recorded_like_their_pushes()
    {
        await using var scenario = await ReconcileScenario.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        github.AddBranchCommit(Repo, "main", Sha('9'), "Initial commit\n", Alice);
        github.AddBranchCommit(Repo, "main", Sha('1'), "Second\n", Alice);
        github.SetBranch(Repo, "release/1", Sha('9')); // at main's first commit
        await scenario.StartBotAsync();
        await scenario.Reconcile.ReconcilePopulationAsync(CancellationToken.None);
        Assert.That(Changes(scenario.DatabasePath), Is.Empty, "a first pass marks where reconciliation starts");

        // main is force-pushed to a new commit on top of the first; release/2 appears with a commit of its own; release/1 is deleted.
        github.SetBranch(Repo, "topic", Sha('9'));
        github.AddBranchCommit(Repo, "topic", Sha('2'), "Rewritten second\n", Mallory);
        github.SetBranch(Repo, "main", Sha('2'));
        github.DeleteBranch(Repo, "topic");
        github.SetBranch(Repo, "release/2", Sha('2'));
        github.AddBranchCommit(Repo, "release/2", Sha('3'), "Backport\n", Mallory);
        github.DeleteBranch(Repo, "release/1");

        var report = await scenario.Reconcile.ReconcilePopulationAsync(CancellationToken.None);
        Assert.That(report.Failed, Is.Zero);
        Assert.That(Changes(scenario.DatabasePath), Is.EquivalentTo(new[]
        {
            (ChangeKinds.ForcePush, $"{Sha('1')}..{Sha('2')}", ChangeSources.Reconcile),
            (ChangeKinds.DirectPush, Sha('2'), ChangeSources.Reconcile),
            (ChangeKinds.DirectPush, Sha('3'), ChangeSources.Reconcile),
            (ChangeKinds.BranchDeletion, $"{Sha('9')}..{new string('0', 40)}", ChangeSources.Reconcile),
        }));
        var branches = await scenario.Bot.Store.Reconciliation.BranchesAsync(Repo);
        Assert.That(branches.Select(b => (b.Branch, b.TipSha)), Is.EqualTo(new[] { ("main", Sha('2')), ("release/2", Sha('3')) }));
    }
}
