using System.Globalization;
using System.Text.Json;
using Bot.Cli;
using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.Tests.Population;
using Bot.Tests.Support;

namespace Bot.Tests.Deliveries;

/// <summary>policy.md §8, missed deliveries: what GitHub delivered while the bot was stopped (or could not be reached) is read
/// back from GitHub's record of the App's deliveries at the next start and taken in as if it had arrived, with no new
/// webhook. Through the real service, its real inbox and worker, and the fake GitHub's deliveries API.</summary>
public sealed class MissedDeliveriesTests
{
    private const string Repo = "acme/payments";
    private const string DeliveryRoute = "GET /app/hook/deliveries/{id}";
    private static readonly FakeUser Alice = new(100, "alice");
    private static readonly FakeUser Bob = new(200, "bob");

    private static string Sha(char c) => new(c, 40);

    private static readonly FakeUser Carol = new(300, "carol");

    private static FakePullRequest AiPullRequest(FakeGitHubServer github, int number, string head)
    {
        var pr = github.AddPullRequest(Repo, number, Alice, head, body: PullRequestBodies.AiDeclared, title: "Add the ledger parser");
        github.AddCommit(pr, head, "Add the ledger parser\n\nAI-Assisted: Cursor 0.45\n", Alice);
        github.AddFile(pr, "src/ledger.cs");
        return pr;
    }

    private static async Task<IReadOnlyList<FakeCheckRun>> RunsWhenAsync(FakeGitHubServer github, string head, Func<IReadOnlyList<FakeCheckRun>, bool> until)
    {
        IReadOnlyList<FakeCheckRun> runs = [];
        Assert.That(await BotUnderTest.EventuallyAsync(() => until(runs = [.. github.CheckRuns(Repo).Where(r => r.HeadSha == head)])), Is.True,
            $"check runs on {head}: {string.Join("; ", runs)}");
        return runs;
    }

    [Test]
    public async Task A_review_submitted_while_the_bot_was_stopped_turns_the_check_success_at_start_without_a_new_webhook()
    {
        await using var scenario = await RestartableBot.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        var pr = AiPullRequest(github, 1, Sha('1'));
        string opened;
        await using (var first = await scenario.StartAsync())
        {
            opened = await first.SendRecordedAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, Sha('1')));
            var waiting = await RunsWhenAsync(github, Sha('1'), runs => runs.Count == 1);
            Assert.That(waiting[0].Status, Is.EqualTo("in_progress"), "waiting for an approval");
            await first.DrainedAsync();
            await RestartableBot.PassAsync(first); // what the opened delivery changed is seen
        }

        // Stopped: Bob approves, and GitHub cannot reach the bot with the review.
        github.AddReview(pr, Bob, "APPROVED");
        var review = github.RecordMissed("pull_request_review", WebhookPayloads.Review(Repo, 1, Sha('1')));
        github.Calls.Reset();

        await using var second = await scenario.StartAsync();
        var concluded = await RunsWhenAsync(github, Sha('1'), runs => runs.Count > 0 && runs[^1].Status == "completed");
        Assert.That(concluded, Has.Count.EqualTo(1), "the in-progress run was completed in place");
        Assert.That(concluded[0].Conclusion, Is.EqualTo("success"));

        var taken = scenario.Delivery(review);
        Assert.That(taken.Source, Is.EqualTo(DeliverySources.DeliveriesApi), "taken in from GitHub's record, not sent again");
        Assert.That(taken.What, Is.EqualTo("pull_request_review submitted"));
        Assert.That(scenario.Delivery(opened).Source, Is.EqualTo(DeliverySources.Webhook));
        Assert.That(github.Calls.For(DeliveryRoute), Is.EqualTo(1), "only the delivery the inbox lacked was fetched");
        Assert.That(github.Calls.For("POST /app/hook/deliveries/{id}/attempts"), Is.Zero, "nothing was redelivered");
    }

    [Test]
    public async Task A_merge_and_its_push_while_the_bot_was_stopped_are_exported_with_their_decision_and_commits()
    {
        const string baseSha = "ba5e000000000000000000000000000000000000";
        await using var scenario = await RestartableBot.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        github.AddBranchCommit(Repo, "main", baseSha, "Initial commit\n", Alice);
        var pr = github.AddPullRequest(Repo, 2, Alice, Sha('2'), body: PullRequestBodies.AiDeclared, title: "Add the ledger parser");
        github.AddPullRequestCommit(pr, Sha('2'), "Add the ledger parser\n\nAI-Assisted: Cursor 0.45\n", Alice);
        github.AddFile(pr, "src/ledger.cs");
        github.AddReview(pr, Bob, "APPROVED");
        long decision;
        await using (var first = await scenario.StartAsync())
        {
            await first.SendRecordedAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 2, Sha('2')));
            Assert.That((await RunsWhenAsync(github, Sha('2'), runs => runs.Count == 1 && runs[0].Status == "completed"))[0].Conclusion,
                Is.EqualTo("success"));
            await first.DrainedAsync();
            decision = (await first.Store.Decisions.LatestAsync(Repo, 2))!.Seq;
        }

        // Stopped: Carol squash-merges, and neither the merge nor the push reaches the bot. (GitHub gives merged_at in whole
        // seconds: a moment later than the decision, as a merge after a check is.)
        var mergedAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var landing = github.Merge(pr, FakeMergeMethod.Squash, Carol, mergedAt, "Add the ledger parser (#2)\n\nAI-Assisted: Cursor 0.45\n");
        var squash = landing.Commits.Single();
        var closed = github.RecordMissed("pull_request",
            PopulationPayloads.Merged(Repo, 2, "Add the ledger parser", "alice", Sha('2'), baseSha, squash.Sha, mergedAt, "carol"));
        var push = github.RecordMissed("push", PopulationPayloads.Push(Repo, "main", landing.Before, landing.After,
            [new PopulationPayloads.PushedCommit(squash.Sha, squash.Message, "alice")], "carol"));

        await using (var second = await scenario.StartAsync())
        {
            await second.DrainedAsync();
            Assert.That(scenario.Delivery(closed).State, Is.EqualTo("processed"));
            Assert.That(scenario.Delivery(push).State, Is.EqualTo("processed"));
        }

        var (exit, output, error) = await ExportAsync(scenario.DatabasePath, mergedAt);
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
        var export = JsonDocument.Parse(output).RootElement;
        var change = export.GetProperty("changes").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(change.GetProperty("change_id").GetString(), Is.EqualTo("2"));
            Assert.That(change.GetProperty("kind").GetString(), Is.EqualTo("pull_request"));
            Assert.That(change.GetProperty("merged_by").GetString(), Is.EqualTo("carol"));
            Assert.That(change.GetProperty("decision_conclusion").GetString(), Is.EqualTo("success"));
            Assert.That(change.GetProperty("decision_seq").GetInt64(), Is.EqualTo(decision));
            Assert.That(change.GetProperty("commit_shas").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { squash.Sha }));
            Assert.That(change.GetProperty("findings").GetArrayLength(), Is.Zero);
            Assert.That(export.GetProperty("completeness").GetProperty("failed_deliveries").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task A_delivery_GitHub_returns_without_its_payload_is_redelivered_and_arrives_signed()
    {
        await using var scenario = await RestartableBot.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        var pr = AiPullRequest(github, 3, Sha('3'));
        github.AddReview(pr, Bob, "APPROVED");
        await using var bot = await scenario.StartAsync();
        github.RedeliveryTarget = async (eventName, body, deliveryId) => (int)(await bot.SendAsync(eventName, body, deliveryId)).StatusCode;

        var missed = github.RecordMissed("pull_request", WebhookPayloads.PullRequest("opened", Repo, 3, Sha('3')), keepPayload: false);
        var pass = await RestartableBot.PassAsync(bot);

        Assert.That((pass.Missing, pass.Redelivered, pass.TakenIn), Is.EqualTo((1, 1, 0)));
        Assert.That((await RunsWhenAsync(github, Sha('3'), runs => runs.Count == 1 && runs[0].Status == "completed"))[0].Conclusion, Is.EqualTo("success"));
        Assert.That(scenario.Delivery(missed).Source, Is.EqualTo(DeliverySources.Webhook), "it came through the endpoint, signature verified");
        Assert.That(github.HookDeliveries().Where(d => d.DeliveryGuid == missed).Select(d => (d.Redelivery, d.Status)),
            Is.EqualTo(new[] { (false, "failed to connect"), (true, "OK") }));
        var again = await RestartableBot.PassAsync(bot);
        Assert.That((again.Listed, again.Missing), Is.EqualTo((1, 0)), "the redelivery is listed, and the inbox holds its GUID");
    }

    [Test]
    public async Task An_outage_longer_than_GitHub_keeps_deliveries_is_recorded_and_exported_as_a_window_that_makes_the_period_incomplete()
    {
        await using var scenario = await RestartableBot.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        var fiveDaysAgo = DateTimeOffset.UtcNow.AddDays(-5);
        await using (var first = await scenario.StartAsync(new Dictionary<string, string?> { ["Reconcile:DeliveriesEnabled"] = "false" }))
        {
            await SeedMarkAsync(first, github, fiveDaysAgo);
        }
        var recent = MissOneRecently(github);

        await using (var second = await scenario.StartAsync())
        {
            await second.DrainedAsync();
            Assert.That(second.Log.Entries.Any(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("may be lost", StringComparison.Ordinal)),
                Is.True, "the outage is logged as an error");
        }

        // No branch reconciliation read across the window (it is off here), so nothing vouches for the changes of that time.
        var (exit, output, error) = await ExportAsync(scenario.DatabasePath, DateTimeOffset.UtcNow, days: 6);
        Assert.That(exit, Is.EqualTo(ExportCommand.ExportedWithGaps), error);
        var window = JsonDocument.Parse(output).RootElement.GetProperty("completeness").GetProperty("deliveries_not_recoverable").EnumerateArray().Single();
        Assert.That(DateTimeOffset.Parse(window.GetProperty("missed_after").GetString()!, CultureInfo.InvariantCulture),
            Is.EqualTo(fiveDaysAgo).Within(TimeSpan.FromSeconds(1)));
        Assert.That(DateTimeOffset.Parse(window.GetProperty("missed_before").GetString()!, CultureInfo.InvariantCulture),
            Is.EqualTo(recent).Within(TimeSpan.FromSeconds(1)), "up to the oldest delivery GitHub still keeps");
        Assert.That(window.GetProperty("recovered").GetBoolean(), Is.False);
        Assert.That(error, Does.Contain("lost deliveries not reconciled: 1 windows"));
        var (_, markdown, _) = await ExportAsync(scenario.DatabasePath, DateTimeOffset.UtcNow, days: 6, format: "md");
        Assert.That(markdown, Does.Contain("deliveries\\_not\\_recoverable: ").And.Contain("NOT recovered"));
        Assert.That(markdown, Does.Contain("incomplete: deliveries from "));
    }

    [Test]
    public async Task An_outage_longer_than_GitHub_keeps_deliveries_is_complete_once_branch_reconciliation_has_read_across_it()
    {
        await using var scenario = await RestartableBot.CreateAsync();
        var github = scenario.GitHub;
        github.AddRepository(Repo);
        var sixDaysAgo = DateTimeOffset.UtcNow.AddDays(-6);
        var fiveDaysAgo = sixDaysAgo.AddDays(1);
        var root = github.AddBranchCommit(Repo, "main", Sha('9'), "Initial commit\n", Alice, at: sixDaysAgo);
        await using (var first = await scenario.StartAsync(new Dictionary<string, string?> { ["Reconcile:DeliveriesEnabled"] = "false" }))
        {
            await SeedMarkAsync(first, github, fiveDaysAgo);
            // Before the outage, the population was reconciled with main's history (since six days ago, up to five).
            await first.Store.Reconciliation.SaveAsync(new Bot.Evidence.Reconciliation.ReconciledBranch(Repo, "main", root.Sha, sixDaysAgo, fiveDaysAgo));
        }
        var recent = MissOneRecently(github);

        var starting = DateTimeOffset.UtcNow;
        await using (var second = await scenario.StartAsync(new Dictionary<string, string?> { ["Reconcile:Enabled"] = "true" }))
        {
            await second.DrainedAsync();
            Assert.That(await BotUnderTest.EventuallyAsync(async () =>
                (await second.Store.Reconciliation.BranchesAsync(Repo)).Single().ReconciledThrough >= starting), Is.True, "the start-up reconciliation pass ran");
        }

        // The period up to yesterday: the window overlaps it, and main's history was read from before it began to after it ended.
        var (exit, output, error) = await ExportAsync(scenario.DatabasePath, DateTimeOffset.UtcNow.AddDays(-1), days: 6, to: 0);
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
        var completeness = JsonDocument.Parse(output).RootElement.GetProperty("completeness");
        var window = completeness.GetProperty("deliveries_not_recoverable").EnumerateArray().Single();
        Assert.That(DateTimeOffset.Parse(window.GetProperty("missed_before").GetString()!, CultureInfo.InvariantCulture),
            Is.EqualTo(recent).Within(TimeSpan.FromSeconds(1)));
        Assert.That(window.GetProperty("recovered").GetBoolean(), Is.True);
        Assert.That(completeness.GetProperty("reconciliation").EnumerateArray().Single().GetProperty("covers_period").GetBoolean(), Is.True);
        var (_, csv, _) = await ExportAsync(scenario.DatabasePath, DateTimeOffset.UtcNow.AddDays(-1), days: 6, format: "csv", to: 0);
        Assert.That(csv, Does.Contain("# deliveries_not_recoverable: ").And.Contain("recovered: every repository's branch history is reconciled across it"));
        Assert.That(csv, Does.Not.Contain("# incomplete:"));
    }

    /// <summary>The last pass before the outage saw a delivery at <paramref name="at"/>; GitHub has dropped it since (it keeps 3 days).</summary>
    private static async Task SeedMarkAsync(BotUnderTest bot, FakeGitHubServer github, DateTimeOffset at)
    {
        var old = github.RecordDelivery("pull_request", WebhookPayloads.PullRequest("opened", Repo, 4, Sha('4')), deliveredAt: at);
        await bot.Store.RecordedDeliveries.SaveMarkAsync(new(old.Id, at, at));
    }

    /// <summary>While the bot was away, an hour ago: pull request #5 opened and its delivery missed (GitHub still keeps it).</summary>
    private static DateTimeOffset MissOneRecently(FakeGitHubServer github)
    {
        AiPullRequest(github, 5, Sha('5'));
        var recent = DateTimeOffset.UtcNow.AddHours(-1);
        github.RecordMissed("pull_request", WebhookPayloads.PullRequest("opened", Repo, 5, Sha('5')), deliveredAt: recent);
        return recent;
    }

    internal static async Task<(int Exit, string Output, string Error)> ExportAsync(string database, DateTimeOffset around, int days = 1, string format = "json", int to = 1)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var exit = await BotCli.RunAsync(["export", "--db", database, "--format", format, "--from", Day(around.AddDays(-days)), "--to", Day(around.AddDays(to))],
            output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
