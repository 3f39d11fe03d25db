using System.Globalization;
using System.Text.Json;
using Bot.Cli;
using Bot.FakeGitHub;
using Bot.Tests.Support;
using static Bot.Tests.Population.PopulationPayloads;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Population;

/// <summary>
/// The commits that landed for a merged pull request (policy.md §5), through the real webhook path: signed <c>closed</c>
/// and <c>push</c> deliveries, the worker, the fake GitHub's commit graph (merges made as GitHub's three merge methods and
/// the merge queue make them), the evidence store, and <c>bot export</c>. Each test works in a repository of its own.
/// </summary>
public sealed class LandedCommitsTests
{
    private const string Root = "7007000000000000000000000000000000000000";
    private const string First = "c100000000000000000000000000000000000001";
    private const string Second = "c200000000000000000000000000000000000002";
    private const string Other = "0e00000000000000000000000000000000000001";
    private const string Third = "c300000000000000000000000000000000000003";
    private static readonly FakeUser Erin = new(500, "erin");

    private const string AiBody = PullRequestBodies.AiDeclared;

    private BotUnderTest _bot = null!;
    private DateTimeOffset _mergedAt;

    [OneTimeSetUp]
    public async Task Start()
    {
        _bot = await BotUnderTest.StartAsync();
        // Merges happen a few minutes from now, so every decision the tests cause is recorded before them.
        _mergedAt = DateTimeOffset.UtcNow.AddMinutes(5);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    public enum BaseSha
    {
        /// <summary>The base tip just before the merge (what compare would need).</summary>
        OldTip,

        /// <summary>The base tip when the pull request was last updated: another pull request has landed since.</summary>
        StaleOlderTip,

        /// <summary>Already the tip after the merge.</summary>
        NewTip,
    }

    [Test]
    public async Task Landed_commits_come_from_the_merge_whatever_base_sha_the_closed_payload_reports(
        [Values] FakeMergeMethod method, [Values] BaseSha reported)
    {
        var repo = $"acme/{method}-{reported}".ToLowerInvariant();
        var landing = await MergeAiPullRequestAfterAnotherAsync(repo, method);
        var baseSha = reported switch
        {
            BaseSha.OldTip => landing.Before,
            BaseSha.StaleOlderTip => Root,
            _ => landing.After,
        };

        await DeliverClosedAsync(repo, 2, "Parse amounts", Second, baseSha, landing.After);
        await _bot.DeliverAndDrainAsync("push", LandingPayloads.Push(repo, "carol", landing));

        var row = (await RowsAsync(repo)).Single(); // the merge, and no direct push for its commits
        var decision = await _bot.Store.Decisions.LatestAsync(repo, 2);
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("change_id").GetString(), Is.EqualTo("2"));
            Assert.That(Strings(row, "commit_shas"), Is.EqualTo(ExpectedLanded(method, landing)));
            Assert.That(FindingCodes(row), Is.EqualTo(method == FakeMergeMethod.Squash ? ["declaration_lost_on_merge"] : Array.Empty<string>()),
                "the squash message dropped the trailer; the merge commit and the rebased copies keep it");
            Assert.That(row.GetProperty("ai_assisted").GetBoolean(), Is.True);
            Assert.That(Strings(row, "ai_tools"), Is.EqualTo(new[] { "Claude Code" }), "the other pull request's Copilot commit is not this change's");
            Assert.That(row.GetProperty("decision_conclusion").GetString(), Is.EqualTo("success"));
            Assert.That(row.GetProperty("decision_seq").GetInt64(), Is.EqualTo(decision!.Seq));
            Assert.That(row.GetProperty("merged_by").GetString(), Is.EqualTo("carol"));
        });
    }

    [Test]
    public async Task The_closed_delivery_first_or_the_push_first_record_the_same_row([Values] FakeMergeMethod method)
    {
        var closedFirst = $"acme/closed-first-{method}".ToLowerInvariant();
        var pushFirst = $"acme/push-first-{method}".ToLowerInvariant();
        var landing = await MergeAiPullRequestAfterAnotherAsync(closedFirst, method);
        var same = await MergeAiPullRequestAfterAnotherAsync(pushFirst, method);
        Assert.That((same.Before, same.After), Is.EqualTo((landing.Before, landing.After)), "both repositories hold the same history");

        await DeliverClosedAsync(closedFirst, 2, "Parse amounts", Second, landing.Before, landing.After);
        await _bot.DeliverAndDrainAsync("push", LandingPayloads.Push(closedFirst, "carol", landing));
        await _bot.DeliverAndDrainAsync("push", LandingPayloads.Push(pushFirst, "carol", same));
        await DeliverClosedAsync(pushFirst, 2, "Parse amounts", Second, same.Before, same.After);

        var fromClosed = (await RowsAsync(closedFirst)).Single();
        var fromPush = (await RowsAsync(pushFirst)).Single();
        Assert.That(Comparable(fromPush), Is.EqualTo(Comparable(fromClosed)));
        Assert.That(Strings(fromPush, "commit_shas"), Is.EqualTo(ExpectedLanded(method, landing)));
    }

    [Test]
    public async Task A_push_landing_two_pull_requests_records_each_with_its_own_commits()
    {
        const string repo = "acme/two-in-one-push";
        var (second, third) = await TwoEvaluatedPullRequestsAsync(repo);
        // Both merged with merge commits and pushed together (as a local merge of both branches would be).
        var landedSecond = _bot.GitHub.Merge(second, FakeMergeMethod.Merge, Carol, _mergedAt);
        var landedThird = _bot.GitHub.Merge(third, FakeMergeMethod.Merge, Carol, _mergedAt);

        // The push alone (the closed deliveries missing) records both pull requests.
        await _bot.DeliverAndDrainAsync("push", LandingPayloads.Push(repo, "carol", landedSecond, landedThird));
        var rows = await RowsAsync(repo);
        Assert.That(rows.Select(r => r.GetProperty("change_id").GetString()), Is.EqualTo(new[] { "2", "3" }), "two changes, no direct pushes");
        Assert.That(Strings(rows[0], "commit_shas"), Is.EqualTo(new[] { First, Second, landedSecond.After }));
        Assert.That(Strings(rows[1], "commit_shas"), Is.EqualTo(new[] { Third, landedThird.After }));
        Assert.That(Strings(rows[0], "ai_tools"), Is.EqualTo(new[] { "Claude Code" }));
        Assert.That(Strings(rows[1], "ai_tools"), Is.EqualTo(new[] { "Cursor 0.45" }));

        // Their closed deliveries, arriving late, add nothing.
        await DeliverClosedAsync(repo, 2, "Parse amounts", Second, landedSecond.Before, landedSecond.After);
        await DeliverClosedAsync(repo, 3, "Add the currency table", Third, Root, landedThird.After);
        Assert.That(await RowsAsync(repo), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task The_merge_queue_landing_push_records_both_pull_requests_with_their_last_decision_before_the_merge(
        [Values] FakeMergeMethod method)
    {
        var repo = $"acme/queue-{method}".ToLowerInvariant();
        var (second, third) = await TwoEvaluatedPullRequestsAsync(repo);
        var decisionOfSecond = await _bot.Store.Decisions.LatestAsync(repo, 2);
        var decisionOfThird = await _bot.Store.Decisions.LatestAsync(repo, 3);
        // The queue lands the group as one push: each pull request on top of the one before it.
        var landedSecond = _bot.GitHub.Merge(second, method, Carol, _mergedAt);
        var landedThird = _bot.GitHub.Merge(third, method, Carol, _mergedAt);

        await _bot.DeliverAndDrainAsync("push", LandingPayloads.Push(repo, LandingPayloads.MergeQueue, landedSecond, landedThird));
        await DeliverClosedAsync(repo, 2, "Parse amounts", Second, Root, landedSecond.After);
        await DeliverClosedAsync(repo, 3, "Add the currency table", Third, Root, landedThird.After);

        var rows = await RowsAsync(repo);
        Assert.That(rows.Select(r => r.GetProperty("change_id").GetString()), Is.EqualTo(new[] { "2", "3" }), "two changes, no direct pushes");
        Assert.Multiple(() =>
        {
            Assert.That(Strings(rows[0], "commit_shas"), Is.EqualTo(landedSecond.Commits.Select(c => c.Sha)));
            Assert.That(Strings(rows[1], "commit_shas"), Is.EqualTo(landedThird.Commits.Select(c => c.Sha)));
            Assert.That(Strings(rows[0], "commit_shas").Intersect(Strings(rows[1], "commit_shas")), Is.Empty);
            Assert.That(rows[0].GetProperty("decision_seq").GetInt64(), Is.EqualTo(decisionOfSecond!.Seq));
            Assert.That(rows[1].GetProperty("decision_seq").GetInt64(), Is.EqualTo(decisionOfThird!.Seq));
            Assert.That(rows.Select(r => r.GetProperty("decision_conclusion").GetString()), Is.All.EqualTo("success"));
            Assert.That(Strings(rows[1], "ai_tools"), Is.EqualTo(new[] { "Cursor 0.45" }));
            Assert.That(rows.SelectMany(FindingCodes), Is.Empty);
        });
        Assert.That(landedThird.Commits, Has.Count.EqualTo(method == FakeMergeMethod.Merge ? 2 : 1), "the fake landed #3 as the method does");
    }

    [Test]
    public async Task Recording_a_landing_costs_calls_per_pull_request_not_per_commit([Values] FakeMergeMethod method)
    {
        var repo = $"acme/cost-{method}".ToLowerInvariant();
        var github = _bot.GitHub;
        github.AddRepository(repo);
        github.AddBranchCommit(repo, "main", Root, "Initial commit\n", Dave);
        var landings = new List<FakeLanding>();
        foreach (var number in new[] { 2, 3 })
        {
            var pr = github.AddPullRequest(repo, number, Alice, "", title: $"Change {number}", headRef: $"change-{number}");
            for (var i = 0; i < 30; i++)
                github.AddPullRequestCommit(pr, $"{number}{i:D3}".PadRight(40, 'a'), $"Step {i} of #{number}\n\nAI-Assisted: Claude Code\n", Alice);
            landings.Add(github.Merge(pr, method, Carol, _mergedAt));
        }

        github.Calls.Reset();
        await _bot.DeliverAndDrainAsync("push", LandingPayloads.Push(repo, LandingPayloads.MergeQueue, [.. landings]));
        var push = CallsWithoutTokens();
        github.Calls.Reset();
        await DeliverClosedAsync(repo, 2, "Change 2", landings[0].Commits[^1].Sha, Root, landings[0].After);
        await DeliverClosedAsync(repo, 3, "Change 3", landings[1].Commits[^1].Sha, Root, landings[1].After);
        var closed = CallsWithoutTokens();

        var rows = await RowsAsync(repo);
        Assert.That(rows.Select(r => Strings(r, "commit_shas").Length), Is.EqualTo(new[] { landings[0].Commits.Count, landings[1].Commits.Count }));
        TestContext.Out.WriteLine($"{method}: push landing 2 x 30 commits: {push.Total} calls ({push.Routes}); late closed deliveries: {closed.Total}");
        // Per pull request: pull request, merge commit, one of compare / its commits (+ one history page for a rebase), and
        // one "pull requests for a commit"; plus the policy for the push. One call per commit would be 60 or more.
        Assert.That(push.Total, Is.LessThanOrEqualTo(2 + 2 * 5), push.Routes);
        Assert.That(closed.Total, Is.Zero, "a change already recorded costs no call: " + closed.Routes);
    }

    public enum DeliveryOrder { PushFirst, ClosedFirst }

    /// <summary>Issue 18 §5: one pull request of 100 commits, evaluated by the bot, lands alone; associating its commits
    /// with it costs at most 2 calls whichever delivery comes first (the merge method's closed-first order excepted: 4).
    /// Push first: "pull requests for a commit" and the pull request (for merged_by); the landed commits are the push's own,
    /// checked against the commits the evaluation read. Closed first: the pull request and the merge commit's history page
    /// (plus compare for a merge commit: two pages for 101 commits); the push then finds what this process recorded. The policy read that decides
    /// whether the branch is in scope is counted apart.</summary>
    [Test]
    public async Task A_landing_of_one_evaluated_pull_request_of_100_commits_costs_at_most_2_calls_to_associate(
        [Values] FakeMergeMethod method, [Values] DeliveryOrder order)
    {
        var repo = $"acme/alone-{method}-{order}".ToLowerInvariant();
        var github = _bot.GitHub;
        github.AddRepository(repo);
        github.AddBranchCommit(repo, "main", Root, "Initial commit\n", Dave);
        var head = "";
        var pr = github.AddPullRequest(repo, 7, Alice, "", body: AiBody, title: "Hundred steps", headRef: "hundred");
        for (var i = 0; i < 100; i++)
            head = github.AddPullRequestCommit(pr, $"7{i:D3}".PadRight(40, 'b'), $"Step {i}\n\nAI-Assisted: Claude Code\n", Alice).Sha;
        await _bot.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", repo, 7, head));
        Assert.That(await BotUnderTest.EventuallyAsync(async () => await _bot.Store.Decisions.LatestAsync(repo, 7) is not null), Is.True);
        var landing = github.Merge(pr, method, Carol, _mergedAt, method == FakeMergeMethod.Squash ? "Hundred steps (#7)\n\nAI-Assisted: Claude Code\n" : null);

        github.Calls.Reset();
        if (order == DeliveryOrder.PushFirst)
        {
            await _bot.DeliverAndDrainAsync("push", LandingPayloads.Push(repo, "carol", landing));
            await DeliverClosedAsync(repo, 7, "Hundred steps", head, landing.Before, landing.After);
        }
        else
        {
            await DeliverClosedAsync(repo, 7, "Hundred steps", head, landing.Before, landing.After);
            await _bot.DeliverAndDrainAsync("push", LandingPayloads.Push(repo, "carol", landing));
        }
        var calls = CallsWithoutTokens();
        var policy = github.Calls.ByRoute.Where(r => r.Key.Contains("/contents/", StringComparison.Ordinal)).Sum(r => r.Value);

        var row = (await RowsAsync(repo)).Single();
        Assert.That(Strings(row, "commit_shas"), Is.EqualTo(landing.Commits.Select(c => c.Sha).ToArray()), "every landed commit, and only those");
        Assert.That(row.GetProperty("change_id").GetString(), Is.EqualTo("7"));
        TestContext.Out.WriteLine($"{method}, {order}: {calls.Total - policy} calls to associate + {policy} policy read ({calls.Routes})");
        // Closed first, a merge commit's landed commits come from compare, 100 commits a page: 101 take two.
        var budget = method == FakeMergeMethod.Merge && order == DeliveryOrder.ClosedFirst ? 4 : 2;
        Assert.That(calls.Total - policy, Is.LessThanOrEqualTo(budget), calls.Routes);
    }

    private (int Total, string Routes) CallsWithoutTokens()
    {
        var routes = _bot.GitHub.Calls.ByRoute.Where(r => !r.Key.EndsWith("/access_tokens", StringComparison.Ordinal)).ToList();
        return (routes.Sum(r => r.Value), string.Join(", ", routes.Select(r => $"{r.Key} x{r.Value}")));
    }

    // ---- scenarios ----

    /// <summary>#2 (AI-assisted, two commits with trailers, approved and evaluated) branches from the root; then #1, whose
    /// commit carries a Copilot trailer, lands first; then #2 lands by <paramref name="method"/> (a squash message that drops
    /// the trailer).</summary>
    private async Task<FakeLanding> MergeAiPullRequestAfterAnotherAsync(string repo, FakeMergeMethod method)
    {
        var github = _bot.GitHub;
        github.AddRepository(repo);
        github.AddBranchCommit(repo, "main", Root, "Initial commit\n", Dave);
        var pr = await AiPullRequestAsync(repo);
        var other = github.AddPullRequest(repo, 1, Dave, Other, title: "Other change", headRef: "other");
        github.AddPullRequestCommit(other, Other, "Other change\n\nAI-Assisted: Copilot\n", Dave);
        github.Merge(other, FakeMergeMethod.Squash, Dave, _mergedAt.AddMinutes(-1), "Other change (#1)\n\nAI-Assisted: Copilot\n");
        return github.Merge(pr, method, Carol, _mergedAt, method == FakeMergeMethod.Squash ? "Parse amounts (#2)\n" : null);
    }

    /// <summary>#2 as above and #3 (one commit, Cursor), both branching from the root. #3 is first evaluated without an
    /// approval, then approved and evaluated again: its last decision before the merge is the second.</summary>
    private async Task<(FakePullRequest Second, FakePullRequest Third)> TwoEvaluatedPullRequestsAsync(string repo)
    {
        var github = _bot.GitHub;
        github.AddRepository(repo);
        github.AddBranchCommit(repo, "main", Root, "Initial commit\n", Dave);
        var second = await AiPullRequestAsync(repo);
        var third = github.AddPullRequest(repo, 3, Erin, Third, body: AiBody, title: "Add the currency table", headRef: "currency");
        github.AddPullRequestCommit(third, Third, "Add the currency table\n\nAI-Assisted: Cursor 0.45\n", Erin);
        await _bot.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", repo, 3, Third));
        Assert.That(await BotUnderTest.EventuallyAsync(async () => await _bot.Store.Decisions.LatestAsync(repo, 3) is { Record.Conclusion: not "success" }), Is.True);
        github.AddReview(third, Bob, "APPROVED");
        await _bot.DeliverAndDrainAsync("pull_request_review", WebhookPayloads.Review(repo, 3, Third));
        Assert.That(await BotUnderTest.EventuallyAsync(async () => await _bot.Store.Decisions.LatestAsync(repo, 3) is { Record.Conclusion: "success" }), Is.True);
        return (second, third);
    }

    private async Task<FakePullRequest> AiPullRequestAsync(string repo)
    {
        var github = _bot.GitHub;
        var pr = github.AddPullRequest(repo, 2, Alice, Second, body: AiBody, title: "Parse amounts", headRef: "amounts");
        github.AddPullRequestCommit(pr, First, "Parse amounts\n\nAI-Assisted: Claude Code\n", Alice);
        github.AddPullRequestCommit(pr, Second, "Handle rounding\n\nAI-Assisted: Claude Code\n", Alice);
        github.AddReview(pr, Bob, "APPROVED");
        await _bot.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", repo, 2, Second));
        Assert.That(await BotUnderTest.EventuallyAsync(async () => await _bot.Store.Decisions.LatestAsync(repo, 2) is { Record.Conclusion: "success" }), Is.True);
        return pr;
    }

    /// <summary>What GitHub's merge added: the branch's commits and the merge commit; the squash commit; the two copies.</summary>
    private static string[] ExpectedLanded(FakeMergeMethod method, FakeLanding landing) => method switch
    {
        FakeMergeMethod.Merge => [First, Second, landing.After],
        FakeMergeMethod.Squash => [landing.After],
        _ => [.. landing.Commits.Select(c => c.Sha)],
    };

    private Task DeliverClosedAsync(string repo, int number, string title, string head, string baseSha, string mergeCommit) =>
        _bot.DeliverAndDrainAsync("pull_request", Merged(repo, number, title, "alice", head, baseSha, mergeCommit, _mergedAt, "carol"));

    // ---- reading the population ----

    private async Task<List<JsonElement>> RowsAsync(string repo)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await BotCli.RunAsync(["export", "--db", _bot.DatabasePath, "--format", "json", "--repo", repo,
            "--from", Day(_mergedAt.AddDays(-1)), "--to", Day(_mergedAt.AddDays(1))], output, error);
        Assert.That(output.ToString(), Is.Not.Empty, error.ToString());
        return [.. JsonDocument.Parse(output.ToString()).RootElement.GetProperty("changes").EnumerateArray().Select(e => e.Clone())];
    }

    private static string?[] Strings(JsonElement row, string name) => [.. row.GetProperty(name).EnumerateArray().Select(e => e.GetString())];

    private static string[] FindingCodes(JsonElement row) =>
        [.. row.GetProperty("findings").EnumerateArray().Select(f => f.GetString()!.Split(':')[0])];

    /// <summary>A row without what names its repository or its place in the chains (those differ between two repositories).</summary>
    private static Dictionary<string, string> Comparable(JsonElement row) =>
        row.EnumerateObject()
            .Where(p => p.Name is not ("repository" or "evidence_seq" or "evidence_hash" or "decision_seq" or "change_url" or "check_run_url"))
            .ToDictionary(p => p.Name, p => p.Value.GetRawText());
}
