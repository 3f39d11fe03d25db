using System.Text.Json;
using Bot.Cli;
using Bot.FakeGitHub;
using Bot.Tests.Population;
using Bot.Tests.Support;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Deliveries;

/// <summary>policy.md §8, failures are gaps: a merge whose delivery was given up after its retries is missing from the
/// population, so the export lists the delivery and exits 3 instead of reporting "complete"; <c>bot deliveries retry</c>
/// puts it back to work, with the service running or stopped, and a retry that succeeds closes the gap.</summary>
public sealed class FailedDeliveryGapTests
{
    private const string Repo = "acme/payments";
    private const string BaseSha = "ba5e000000000000000000000000000000000000";

    private static string Sha(char c) => new(c, 40);

    private const string NoAiBody = """
        - [ ] This change includes AI-assisted code
        - [x] This change does not include AI-assisted code
        """;

    /// <summary>Pull request #7, approved by Bob; the bot evaluates it (success) before it merges.</summary>
    private static async Task<FakePullRequest> EvaluatedPullRequestAsync(BotUnderTest bot)
    {
        var github = bot.GitHub;
        github.AddBranchCommit(Repo, "main", BaseSha, "Initial commit\n", Alice);
        var pr = github.AddPullRequest(Repo, 7, Alice, Sha('7'), body: NoAiBody, title: "Fix rounding");
        github.AddPullRequestCommit(pr, Sha('7'), "Fix rounding\n", Alice);
        github.AddReview(pr, new FakeUser(200, "bob"), "APPROVED");
        await bot.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 7, Sha('7')));
        return pr;
    }

    /// <summary>#7 squash-merged a moment after its decision; GitHub answers 500 for good when the bot reads the
    /// merged pull request, so recording the merge fails every attempt.</summary>
    private static (byte[] Body, DateTimeOffset MergedAt) BrokenMerge(FakeGitHubServer github, FakePullRequest pr)
    {
        var mergedAt = DateTimeOffset.UtcNow.AddSeconds(2); // merged_at is whole seconds: after the decision, as a merge is
        var squash = github.Merge(pr, FakeMergeMethod.Squash, new FakeUser(300, "carol"), mergedAt).After;
        github.Faults.Always(FakeFault.Status(500, pathContains: $"/pulls/{pr.Number}"));
        return (PopulationPayloads.Merged(Repo, 7, "Fix rounding", "alice", Sha('7'), BaseSha, squash, mergedAt, "carol"), mergedAt);
    }

    private static async Task<string> FailedAsync(BotUnderTest bot, string eventName, byte[] body)
    {
        var deliveryId = Guid.NewGuid().ToString();
        Assert.That((int)(await bot.SendAsync(eventName, body, deliveryId)).StatusCode, Is.EqualTo(202));
        Assert.That(await BotUnderTest.EventuallyAsync(async () =>
            (await bot.Store.Inbox.CountByStateAsync())[Bot.Evidence.Inbox.DeliveryState.Failed] == 1), Is.True, "the delivery was given up");
        return deliveryId;
    }

    private static async Task<(int Exit, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await BotCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public async Task A_merge_whose_delivery_failed_makes_the_export_exit_3_until_a_retry_of_the_running_service_records_it()
    {
        await using var scenario = await RestartableBot.CreateAsync(new Dictionary<string, string?> { ["Reconcile:DeliveriesEnabled"] = "false" });
        scenario.GitHub.AddRepository(Repo);
        await using var bot = await scenario.StartAsync();
        var (body, mergedAt) = BrokenMerge(scenario.GitHub, await EvaluatedPullRequestAsync(bot));
        var deliveryId = await FailedAsync(bot, "pull_request", body);

        var (exit, output, error) = await MissedDeliveriesTests.ExportAsync(scenario.DatabasePath, mergedAt);
        Assert.That(exit, Is.EqualTo(ExportCommand.ExportedWithGaps), error);
        Assert.That(error, Does.Contain("failed deliveries 1"));
        var completeness = JsonDocument.Parse(output).RootElement.GetProperty("completeness");
        Assert.That(completeness.GetProperty("population").GetInt64(), Is.Zero, "the merge is not in the population");
        var failed = completeness.GetProperty("failed_deliveries").EnumerateArray().Single();
        Assert.That(failed.GetProperty("delivery_id").GetString(), Is.EqualTo(deliveryId));
        Assert.That(failed.GetProperty("change").GetString(), Is.EqualTo("merge of pull request #7 into main"));
        Assert.That(failed.GetProperty("last_error").GetString(), Does.Contain("500"));
        var (_, csv, _) = await MissedDeliveriesTests.ExportAsync(scenario.DatabasePath, mergedAt, format: "csv");
        Assert.That(csv, Does.Contain($"# failed_delivery: {deliveryId} pull_request closed {Repo}: merge of pull request #7 into main;"));

        var (listed, list, _) = await CliAsync("deliveries", "list", "--db", scenario.DatabasePath, "--state", "failed");
        Assert.That(listed, Is.EqualTo(ExitCodes.Ok));
        var row = list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Single().Split('\t');
        Assert.That((row[1], row[2], row[4], row[9]), Is.EqualTo((deliveryId, "failed", "pull_request closed", "merge of pull request #7 into main")));

        // The cause is fixed; the operator retries while the service runs, and its worker takes the delivery from the file.
        scenario.GitHub.Faults.Clear();
        var (retried, said, retryError) = await CliAsync("deliveries", "retry", deliveryId, "--db", scenario.DatabasePath);
        Assert.That(retried, Is.EqualTo(ExitCodes.Ok), retryError);
        Assert.That(said, Does.Contain("pending again"));
        Assert.That(await BotUnderTest.EventuallyAsync(() => scenario.Delivery(deliveryId).State == "processed"), Is.True);

        var (after, fixedOutput, fixedError) = await MissedDeliveriesTests.ExportAsync(scenario.DatabasePath, mergedAt);
        Assert.That(after, Is.EqualTo(ExitCodes.Ok), fixedError);
        var fixedExport = JsonDocument.Parse(fixedOutput).RootElement;
        Assert.That(fixedExport.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("change_id").GetString()), Is.EqualTo(new[] { "7" }));
        Assert.That(fixedExport.GetProperty("completeness").GetProperty("failed_deliveries").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_retry_while_the_service_is_stopped_is_taken_at_the_next_start()
    {
        await using var scenario = await RestartableBot.CreateAsync(new Dictionary<string, string?> { ["Reconcile:DeliveriesEnabled"] = "false" });
        scenario.GitHub.AddRepository(Repo);
        string deliveryId;
        DateTimeOffset mergedAt;
        await using (var first = await scenario.StartAsync())
        {
            (var body, mergedAt) = BrokenMerge(scenario.GitHub, await EvaluatedPullRequestAsync(first));
            deliveryId = await FailedAsync(first, "pull_request", body);
        }

        scenario.GitHub.Faults.Clear();
        var (exit, said, error) = await CliAsync("deliveries", "retry", "--all-failed", "--db", scenario.DatabasePath);
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(said, Does.StartWith("1 failed deliveries are pending again"));
        Assert.That(scenario.Delivery(deliveryId).State, Is.EqualTo("pending"));

        await using var second = await scenario.StartAsync();
        Assert.That(await BotUnderTest.EventuallyAsync(() => scenario.Delivery(deliveryId).State == "processed"), Is.True);
        Assert.That((await MissedDeliveriesTests.ExportAsync(scenario.DatabasePath, mergedAt)).Exit, Is.EqualTo(ExitCodes.Ok));
    }

    [Test]
    public async Task A_failed_review_is_no_gap_in_the_population_and_retry_refuses_what_is_not_failed()
    {
        await using var scenario = await RestartableBot.CreateAsync(new Dictionary<string, string?> { ["Reconcile:DeliveriesEnabled"] = "false" });
        scenario.GitHub.AddRepository(Repo);
        var pr = scenario.GitHub.AddPullRequest(Repo, 8, Alice, Sha('8'), body: NoAiBody);
        scenario.GitHub.AddCommit(pr, Sha('8'), "Tidy\n", Alice);
        scenario.GitHub.Faults.Always(FakeFault.Status(500, pathContains: "/pulls/"));
        await using var bot = await scenario.StartAsync();
        var review = await FailedAsync(bot, "pull_request_review", WebhookPayloads.Review(Repo, 8, Sha('8')));

        var (exit, output, error) = await MissedDeliveriesTests.ExportAsync(scenario.DatabasePath, DateTimeOffset.UtcNow);
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(JsonDocument.Parse(output).RootElement.GetProperty("completeness").GetProperty("failed_deliveries").GetArrayLength(), Is.Zero,
            "a review changes no branch");

        scenario.GitHub.Faults.Clear();
        Assert.That((await CliAsync("deliveries", "retry", review, "--db", scenario.DatabasePath)).Exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(await BotUnderTest.EventuallyAsync(() => scenario.Delivery(review).State == "processed"), Is.True);
        var (again, _, refusal) = await CliAsync("deliveries", "retry", review, "--db", scenario.DatabasePath);
        Assert.That(again, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(refusal, Does.Contain("is processed, not failed"));
        var (unknown, _, missing) = await CliAsync("deliveries", "retry", "no-such-delivery", "--db", scenario.DatabasePath);
        Assert.That(unknown, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(missing, Does.Contain("no delivery no-such-delivery"));
        Assert.That((await CliAsync("deliveries", "retry", "--db", scenario.DatabasePath)).Exit, Is.EqualTo(ExitCodes.BadInput), "an id or --all-failed");
        Assert.That((await CliAsync("deliveries", "list", "--db", scenario.DatabasePath, "--state", "lost")).Exit, Is.EqualTo(ExitCodes.BadInput));
    }
}
