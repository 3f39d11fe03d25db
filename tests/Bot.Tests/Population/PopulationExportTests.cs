using System.Globalization;
using System.Text.Json;
using Bot.Cli;
using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.Tests.Support;
using static Bot.Tests.Population.PopulationPayloads;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Population;

/// <summary>The change population built through the real webhook path (signed deliveries, inbox, worker, fake GitHub,
/// evidence store), then exported by <c>bot export</c>: every column checked against what happened.</summary>
public sealed class PopulationExportTests
{
    private const string Repo = "acme/payments";
    private const string BaseSha = "ba5e000000000000000000000000000000000000";

    private const string AiBody = """
        ## AI assistance
        - [x] This change includes AI-assisted code
        - [ ] This change does not include AI-assisted code
        - [x] No secrets, credentials or customer data were entered into AI tools for this change
        """;

    private BotUnderTest _bot = null!;
    private DateTimeOffset _mergedAt;
    private string _squash1 = null!;

    private static string Sha(char c) => new(c, 40);

    [OneTimeSetUp]
    public async Task BuildPopulation()
    {
        _bot = await BotUnderTest.StartAsync();
        var github = _bot.GitHub;
        github.AddRepository(Repo);
        github.AddBranchCommit(Repo, "main", BaseSha, "Initial commit\n", Alice);
        _mergedAt = DateTimeOffset.UtcNow.AddMinutes(5);

        // #1: AI-assisted, approved by Bob, evaluated (success), squash-merged keeping its trailer.
        var pr1 = github.AddPullRequest(Repo, 1, Alice, Sha('1'), body: AiBody, title: "Add the ledger parser");
        github.AddPullRequestCommit(pr1, Sha('1'), "Add the ledger parser\n\nAI-Assisted: Cursor 0.45\n", Alice);
        github.AddFile(pr1, "src/ledger.cs");
        github.AddReview(pr1, Bob, "APPROVED");
        await DeliverAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, Sha('1')));
        Assert.That(await BotUnderTest.EventuallyAsync(async () => await _bot.Store.Decisions.LatestAsync(Repo, 1) is { Record.Conclusion: "success" }), Is.True);
        _squash1 = github.Merge(pr1, FakeMergeMethod.Squash, Carol, _mergedAt, "Add the ledger parser (#1)\n\nAI-Assisted: Cursor 0.45\n").After;
        await DeliverAsync("pull_request", Merged(Repo, 1, "Add the ledger parser", "alice", Sha('1'), BaseSha, _squash1, _mergedAt, "carol"));

        // #2: merged without the bot ever deciding on it.
        var pr2 = github.AddPullRequest(Repo, 2, Alice, Sha('2'), title: "Hotfix rounding");
        github.AddPullRequestCommit(pr2, Sha('2'), "Hotfix rounding\n", Alice);
        var squash2 = github.Merge(pr2, FakeMergeMethod.Squash, Dave, _mergedAt).After;
        await DeliverAsync("pull_request", Merged(Repo, 2, "Hotfix rounding", "alice", Sha('2'), BaseSha, squash2, _mergedAt, "dave"));

        // #3: AI-assisted and evaluated, but the squash message dropped the trailer.
        var pr3 = github.AddPullRequest(Repo, 3, Alice, Sha('3'), body: AiBody, title: "Refactor fees");
        github.AddPullRequestCommit(pr3, Sha('3'), "Refactor fees\n\nAI-Assisted: Claude Code\n", Alice);
        github.AddReview(pr3, Bob, "APPROVED");
        await DeliverAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 3, Sha('3')));
        Assert.That(await BotUnderTest.EventuallyAsync(async () => await _bot.Store.Decisions.LatestAsync(Repo, 3) is not null), Is.True);
        var squash3 = github.Merge(pr3, FakeMergeMethod.Squash, Carol, _mergedAt, "Refactor fees (#3)\n").After;
        await DeliverAsync("pull_request", Merged(Repo, 3, "Refactor fees", "alice", Sha('3'), BaseSha, squash3, _mergedAt, "carol"));

        // A push to main holding #1's squash commit (from a merged PR: not a direct change) and one direct commit.
        await DeliverAsync("push", Push(Repo, "main", BaseSha, Sha('d'),
            [new PushedCommit(_squash1, "Add the ledger parser (#1)\n\nAI-Assisted: Cursor 0.45\n", "alice"),
             new PushedCommit(Sha('d'), "Tweak config on main\n\nAI-Assisted: Copilot\n", "mallory")], "mallory"));
        // A push to a feature branch is out of scope; a closed-unmerged PR is no change.
        await DeliverAsync("push", Push(Repo, "topic", Sha('e'), Sha('f'), [new PushedCommit(Sha('f'), "wip\n", "alice")], "alice"));
        // The same merge delivered again (a GitHub redelivery has a new GUID when re-sent by hand) adds nothing.
        await DeliverAsync("pull_request", Merged(Repo, 2, "Hotfix rounding", "alice", Sha('2'), BaseSha, squash2, _mergedAt, "dave"));
    }

    [OneTimeTearDown]
    public async Task TearDown() => await _bot.DisposeAsync();

    private Task DeliverAsync(string eventName, byte[] body) => _bot.DeliverAndDrainAsync(eventName, body);

    private string Day => _mergedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(int Exit, string Output, string Error)> ExportAsync(params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // The merges happen a few minutes from now: a period of two days around today covers the UTC midnight case.
        string[] args = ["export", "--db", _bot.DatabasePath, "--from", _mergedAt.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--to", Day, .. extra];
        var exit = await BotCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<JsonElement> ExportJsonAsync(params string[] extra)
    {
        var (_, output, error) = await ExportAsync(["--format", "json", .. extra]);
        Assert.That(output, Is.Not.Empty, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static JsonElement Change(JsonElement export, string changeId) =>
        export.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("change_id").GetString() == changeId);

    [Test]
    public async Task Population_holds_the_three_merges_and_the_direct_commit_only()
    {
        var export = await ExportJsonAsync();
        var ids = export.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("change_id").GetString()).ToList();
        Assert.That(ids, Is.EqualTo(new[] { "1", "2", "3", Sha('d') }), "population order is (repository, base ref, change id)");
        var completeness = export.GetProperty("completeness");
        Assert.That(completeness.GetProperty("population").GetInt64(), Is.EqualTo(4));
        Assert.That(completeness.GetProperty("ai_assisted").GetInt64(), Is.EqualTo(3));
        Assert.That(completeness.GetProperty("not_ai_assisted").GetInt64(), Is.EqualTo(1));
        Assert.That(completeness.GetProperty("chains").EnumerateArray().Select(c => c.GetProperty("ok").GetBoolean()), Is.All.True);
        Assert.That(completeness.GetProperty("chains").EnumerateArray().Select(c => c.GetProperty("chain").GetString()),
            Is.EqualTo(new[] { "decisions", "changes", "overrides", "merge_group_decisions" }));
    }

    [Test]
    public async Task A_clean_merge_shows_author_merger_approver_decision_and_links()
    {
        var export = await ExportJsonAsync();
        var pr1 = Change(export, "1");
        var decision = await _bot.Store.Decisions.LatestAsync(Repo, 1);
        Assert.Multiple(() =>
        {
            Assert.That(pr1.GetProperty("repository").GetString(), Is.EqualTo(Repo));
            Assert.That(pr1.GetProperty("kind").GetString(), Is.EqualTo("pull_request"));
            Assert.That(pr1.GetProperty("title").GetString(), Is.EqualTo("Add the ledger parser"));
            Assert.That(pr1.GetProperty("author").GetString(), Is.EqualTo("alice"));
            Assert.That(pr1.GetProperty("merged_by").GetString(), Is.EqualTo("carol"));
            Assert.That(DateTimeOffset.Parse(pr1.GetProperty("merged_at").GetString()!, CultureInfo.InvariantCulture),
                Is.EqualTo(new DateTimeOffset(_mergedAt.Ticks - _mergedAt.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero)));
            Assert.That(pr1.GetProperty("ai_assisted").GetBoolean(), Is.True);
            Assert.That(pr1.GetProperty("ai_tools").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "Cursor 0.45" }));
            Assert.That(pr1.GetProperty("qualifying_approvers").EnumerateArray().Select(a => a.GetProperty("login").GetString()), Is.EqualTo(new[] { "bob" }));
            Assert.That(pr1.GetProperty("approved_before_merge").GetString(), Is.EqualTo("yes"));
            Assert.That(pr1.GetProperty("decision_conclusion").GetString(), Is.EqualTo("success"));
            Assert.That(pr1.GetProperty("decision_seq").GetInt64(), Is.EqualTo(decision!.Seq));
            Assert.That(pr1.GetProperty("findings").GetArrayLength(), Is.Zero);
            Assert.That(pr1.GetProperty("override").GetString(), Is.Empty);
            Assert.That(pr1.GetProperty("change_url").GetString(), Is.EqualTo($"https://github.com/{Repo}/pull/1"));
            Assert.That(pr1.GetProperty("check_run_url").GetString(), Is.EqualTo($"https://github.com/{Repo}/runs/{decision.Record.CheckRunId}"));
            Assert.That(pr1.GetProperty("commit_shas").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { _squash1 }));
            Assert.That(pr1.GetProperty("evidence_hash").GetString(), Has.Length.EqualTo(64));
        });
    }

    [Test]
    public async Task Merge_without_decision_lost_declaration_and_direct_push_are_exceptions()
    {
        var export = await ExportJsonAsync();
        string[] Findings(string id) => [.. Change(export, id).GetProperty("findings").EnumerateArray().Select(f => f.GetString()!)];
        Assert.That(Findings("2"), Has.Exactly(1).StartsWith("missing_decision"));
        Assert.That(Change(export, "2").GetProperty("decision_conclusion").GetString(), Is.EqualTo("none"));
        Assert.That(Change(export, "2").GetProperty("approved_before_merge").GetString(), Is.EqualTo("no"));
        Assert.That(Findings("3"), Has.Exactly(1).StartsWith("declaration_lost_on_merge"));
        var direct = Change(export, Sha('d'));
        Assert.That(Findings(Sha('d')), Has.Exactly(1).StartsWith("no_pull_request"));
        Assert.That(direct.GetProperty("kind").GetString(), Is.EqualTo("direct_push"));
        Assert.That(direct.GetProperty("merged_by").GetString(), Is.EqualTo("mallory"));
        Assert.That(direct.GetProperty("ai_tools").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "Copilot" }));
        Assert.That(direct.GetProperty("approved_before_merge").GetString(), Is.EqualTo("n/a"));

        var gaps = export.GetProperty("completeness").GetProperty("gaps").EnumerateArray().Select(g => g.GetProperty("change_id").GetString());
        Assert.That(gaps, Is.EquivalentTo(new[] { "2", "3", Sha('d') }));
        var (exit, _, _) = await ExportAsync();
        Assert.That(exit, Is.EqualTo(ExportCommand.ExportedWithGaps));
    }

    [Test]
    public async Task Csv_has_the_same_rows_and_columns_and_a_completeness_footer()
    {
        var (exit, csv, error) = await ExportAsync("--format", "csv");
        Assert.That(exit, Is.EqualTo(ExportCommand.ExportedWithGaps), error);
        var records = CsvText.Records(csv);
        var header = records[0];
        Assert.That(header, Is.EqualTo(Bot.Evidence.Export.ExportRow.Columns));
        var rows = records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.That(rows.Select(r => r["change_id"]), Is.EqualTo(new[] { "1", "2", "3", Sha('d') }));
        Assert.That(rows[0]["ai_assisted"], Is.EqualTo("yes"));
        Assert.That(rows[0]["qualifying_approvers"], Does.StartWith("bob ("));
        Assert.That(rows[0]["merged_by"], Is.EqualTo("carol"));
        Assert.That(rows[1]["findings"], Does.StartWith("missing_decision: "));
        Assert.That(rows[3]["ai_assisted"], Is.EqualTo("yes"));
        Assert.That(csv, Does.Contain("# population: 4\r\n"));
        Assert.That(csv, Does.Contain("# changes_with_gaps: 3\r\n"));
        Assert.That(csv, Does.Match(@"# verify changes: ok 4 records, head [0-9a-f]{64}"));
    }

    [Test]
    public async Task Out_file_appears_only_when_the_export_is_complete()
    {
        var folder = Directory.CreateTempSubdirectory("bot-export-out-").FullName;
        try
        {
            var target = Path.Combine(folder, "population.csv");
            var (exit, stdout, error) = await ExportAsync("--out", target);
            Assert.That(exit, Is.EqualTo(ExportCommand.ExportedWithGaps), error);
            Assert.That(stdout, Is.Empty);
            Assert.That(File.ReadAllText(target), Does.Contain("# population: 4\r\n"));

            // A file that is not an evidence database fails the export: no report appears, not even a partial one.
            var broken = Path.Combine(folder, "broken.db");
            File.WriteAllText(broken, new string('x', 4096));
            var failed = Path.Combine(folder, "failed.csv");
            var output = new StringWriter();
            var errors = new StringWriter();
            var code = await BotCli.RunAsync(["export", "--db", broken, "--from", "2025-01-01", "--to", "2025-12-31", "--out", failed], output, errors);
            Assert.That(code, Is.EqualTo(ExitCodes.Failure), errors.ToString());
            Assert.That(errors.ToString(), Does.StartWith("error: "));
            Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "population.csv", "broken.db" }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Markdown_has_a_table_row_per_change_and_a_completeness_section()
    {
        var (_, md, _) = await ExportAsync("--format", "md");
        var tableRows = md.Split('\n').Where(l => l.StartsWith("| acme/payments", StringComparison.Ordinal)).ToList();
        Assert.That(tableRows, Has.Count.EqualTo(4));
        Assert.That(md, Does.Contain("## Completeness"));
        Assert.That(md, Does.Contain("- population: 4"));
    }

    [Test]
    public async Task Same_seed_draws_the_same_sample_and_another_seed_another()
    {
        static string[] Ids(JsonElement e) => [.. e.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("change_id").GetString()!)];
        var first = Ids(await ExportJsonAsync("--sample", "2", "--seed", "audit-2025"));
        var again = Ids(await ExportJsonAsync("--sample", "2", "--seed", "audit-2025"));
        Assert.That(first, Has.Length.EqualTo(2));
        Assert.That(again, Is.EqualTo(first));
        // With 6 possible pairs, some of these seeds must draw another pair.
        var others = new List<string[]>();
        foreach (var seed in new[] { "a", "b", "c", "d", "e" })
            others.Add(Ids(await ExportJsonAsync("--sample", "2", "--seed", seed)));
        Assert.That(others.Any(o => !o.SequenceEqual(first)), Is.True);
    }

    [Test]
    public async Task Sample_is_the_documented_draw_over_the_population_order()
    {
        var population = (await ExportJsonAsync()).GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("change_id").GetString()).ToList();
        var expected = Bot.Evidence.Export.SampleDrawer.Draw(population.Count, 2, "audit-2025").Select(i => population[i]).Order(StringComparer.Ordinal);
        var sample = (await ExportJsonAsync("--sample", "2", "--seed", "audit-2025")).GetProperty("changes").EnumerateArray()
            .Select(c => c.GetProperty("change_id").GetString()).Order(StringComparer.Ordinal);
        Assert.That(sample, Is.EqualTo(expected));
    }

    [Test]
    public async Task Stratified_sample_takes_ai_and_other_changes_in_proportion()
    {
        // 3 of 4 are AI-assisted: a sample of 4 takes round(4*3/4)=3 AI-assisted and 1 other, i.e. everything.
        var export = await ExportJsonAsync("--sample", "4", "--seed", "s", "--stratify", "ai");
        var ai = export.GetProperty("changes").EnumerateArray().Count(c => c.GetProperty("ai_assisted").GetBoolean());
        Assert.That(ai, Is.EqualTo(3));
        var two = await ExportJsonAsync("--sample", "2", "--seed", "s", "--stratify", "ai");
        Assert.That(two.GetProperty("changes").EnumerateArray().Count(c => c.GetProperty("ai_assisted").GetBoolean()), Is.EqualTo(2),
            "round(2*3/4) = 2 AI-assisted, 0 other");
    }

    [Test]
    public async Task Repo_filter_and_bad_arguments()
    {
        var none = await ExportJsonAsync("--repo", "acme/other");
        Assert.That(none.GetProperty("changes").GetArrayLength(), Is.Zero);
        var (exit, _, error) = await ExportAsync("--sample", "2");
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("--seed"));
    }
}
