using System.Globalization;
using Bot.Core.Evaluation;
using Bot.Evidence.Decisions;
using Bot.FakeGitHub;
using Bot.Tests.Support;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Serve;

/// <summary>policy.md §1 "Complete inputs or no verdict", end to end through signed deliveries and a fake GitHub that
/// honours GitHub's caps (250 commits and 3,000 files listed for a pull request). Each test prints what its path cost in
/// GitHub API calls.</summary>
public sealed class CompleteInputsTests : BotScenario
{
    private const string CompareRoute = "GET /repos/{owner}/{repo}/compare/{**basehead}";
    private const string CommitsRoute = "GET /repos/{owner}/{repo}/pulls/{number}/commits";
    private const string FilesRoute = "GET /repos/{owner}/{repo}/pulls/{number}/files";
    private const string Undeclared = "Co-authored-by: Claude <noreply@anthropic.com>";

    private static string Sha(int pr, int i) => $"{pr:x2}{i:x6}".PadRight(40, 'e');

    /// <summary>An AI-declared pull request by Alice with <paramref name="commits"/> commits (the first declares the tool;
    /// <paramref name="message"/> may say otherwise for commit i, counted from 1), approved by Bob.</summary>
    private FakePullRequest PullRequest(int number, int commits, Func<int, string?>? message = null)
    {
        var pr = _bot.GitHub.AddPullRequest(Repo, number, Alice, Sha(number, commits), body: PullRequestBodies.AiDeclared);
        for (var i = 1; i <= commits; i++)
            _bot.GitHub.AddCommit(pr, Sha(number, i), message?.Invoke(i) ?? (i == 1 ? "Add the parser\n\nAI-Assisted: Cursor 0.45\n" : $"Step {i}\n"), Alice);
        _bot.GitHub.AddFile(pr, "src/parser.cs");
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");
        return pr;
    }

    private async Task<FakeCheckRun> EvaluateAsync(FakePullRequest pr)
    {
        _bot.GitHub.Calls.Reset();
        await _bot.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, pr.Number, pr.HeadSha));
        TestContext.Out.WriteLine($"API calls: {_bot.GitHub.Calls.Total} ({_bot.GitHub.Calls.RateLimited} rate-limited): " +
                                  string.Join(", ", _bot.GitHub.Calls.ByRoute.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} x{r.Value}")));
        return _bot.GitHub.CheckRuns(Repo).Last(r => r.HeadSha == pr.HeadSha);
    }

    private async Task<StoredDecision> DecisionAsync(int number) =>
        await _bot.Store.Decisions.LatestAsync(Repo, number) ?? throw new AssertionException($"no decision for #{number}");

    [Test]
    public async Task An_undeclared_agent_co_author_at_commit_280_of_300_fails()
    {
        var pr = PullRequest(1, 300, i => i == 280 ? $"Tune the cache\n\n{Undeclared}\n" : null);

        var run = await EvaluateAsync(pr);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(run.Title, Is.EqualTo("1 rule failed: undeclared_ai"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain(Sha(1, 280)[..7] + " Tune the cache"));
        var decision = DecisionJson.Deserialize((await DecisionAsync(1)).Record.DecisionJson);
        Assert.That(decision.Commits, Has.Count.EqualTo(300));
        // The pull request says 300 commits: its own list (capped at 250) is skipped for compare base...head, 100 a page.
        Assert.That(_bot.GitHub.Calls.For(CommitsRoute), Is.Zero);
        Assert.That(_bot.GitHub.Calls.For(CompareRoute), Is.EqualTo(3));
    }

    [Test]
    public async Task Three_hundred_clean_commits_approved_by_someone_else_succeed_on_all_of_them()
    {
        var pr = PullRequest(2, 300);

        var run = await EvaluateAsync(pr);

        Assert.That(run.Conclusion, Is.EqualTo("success"), run.Title);
        var decision = DecisionJson.Deserialize((await DecisionAsync(2)).Record.DecisionJson);
        Assert.That(decision.Commits.Select(c => c.Sha), Is.EqualTo(Enumerable.Range(1, 300).Select(i => Sha(2, i))));
        Assert.That(decision.Rules.Single(r => r.Id == RuleIds.CompleteInputs).Message, Is.EqualTo("Every commit (300) and changed file (1) was read"));
    }

    [Test]
    public async Task An_agent_file_past_the_3000_files_github_lists_fails_too_large_to_judge_until_an_approver_overrides()
    {
        _bot.GitHub.SetContent(Repo, ".github/ai-compliance.yml", "main", "version: 1\noverrides:\n  approvers: [carol]\n");
        var pr = PullRequest(3, 1);
        for (var i = 2; i <= 3200; i++)
            _bot.GitHub.AddFile(pr, i == 3100 ? ".claude/settings.json" : $"src/generated/file{i.ToString("D4", CultureInfo.InvariantCulture)}.cs", i == 3100 ? "added" : "modified");

        var run = await EvaluateAsync(pr);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(run.Title, Is.EqualTo("Too large to judge"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("GitHub lists only the first 3,000 of 3,200 changed files"));
        Assert.That(_bot.GitHub.Calls.For(FilesRoute), Is.EqualTo(30), "every file GitHub lists is read, 100 a page");

        // The way through: an approver records an exception, which covers complete_inputs like any failing rule.
        const string Reason = "Vendored SDK regenerated; the diff was reviewed offline";
        var comment = _bot.GitHub.AddComment(Repo, 3, Carol, $"/ai-compliance override {Reason}", createdAt: DateTimeOffset.UtcNow.AddSeconds(1));
        await _bot.DeliverAndDrainAsync("issue_comment", WebhookPayloads.PullRequestComment(Repo, 3, comment.Id, comment.Body, Carol.Id, Carol.Login));

        var overridden = _bot.GitHub.CheckRuns(Repo).Last(r => r.HeadSha == pr.HeadSha);
        Assert.That(overridden.Conclusion, Is.EqualTo("success"));
        Assert.That(overridden.Title, Is.EqualTo("Overridden by @carol"));
        var active = await _bot.Store.Overrides.ActiveAsync(Repo, 3, pr.HeadSha);
        Assert.That(active!.Record.FailedRules, Is.EqualTo(new[] { RuleIds.CompleteInputs }));
    }

    [Test]
    public async Task A_head_that_moves_between_the_pull_request_read_and_the_commits_read_is_judged_as_the_newer_head()
    {
        var pr = PullRequest(4, 1);
        var newer = Sha(4, 2);
        // A push lands after the bot has read the pull request (head commit 1) and before it lists the commits.
        _bot.GitHub.Faults.Enqueue(FakeFault.Intercept(() =>
        {
            _bot.GitHub.AddCommit(pr, newer, $"Tune the cache\n\n{Undeclared}\n", Alice);
            _bot.GitHub.SetHead(pr, newer);
        }, pathContains: "/pulls/4/commits"));

        await EvaluateAsync(pr);

        Assert.That(_bot.GitHub.CheckRuns(Repo).Select(r => r.HeadSha), Is.EqualTo(new[] { newer }), "no verdict on the older head");
        var stored = await DecisionAsync(4);
        Assert.That(stored.Seq, Is.EqualTo(1), "one decision only");
        Assert.That(stored.Record.HeadSha, Is.EqualTo(newer));
        var decision = DecisionJson.Deserialize(stored.Record.DecisionJson);
        Assert.That(decision.Commits.Select(c => c.Sha), Is.EqualTo(new[] { Sha(4, 1), newer }));
        Assert.That(decision.Title, Is.EqualTo("1 rule failed: undeclared_ai"), "judged on the newer head's commits");
    }

    [Test]
    public async Task A_head_that_moves_during_every_read_fails_the_attempt_and_the_retry_judges_the_head_it_settled_on()
    {
        var pr = PullRequest(5, 1);
        var pushes = 0;
        _bot.GitHub.Faults.Enqueue(FakeFault.Intercept(() =>
        {
            var sha = Sha(5, 2 + Interlocked.Increment(ref pushes) - 1);
            _bot.GitHub.AddCommit(pr, sha, $"Push {pushes}\n", Alice);
            _bot.GitHub.SetHead(pr, sha);
        }, pathContains: "/pulls/5/commits"), times: 3);

        await EvaluateAsync(pr);

        var settled = Sha(5, 4);
        Assert.That(_bot.GitHub.CheckRuns(Repo).Select(r => r.HeadSha), Is.EqualTo(new[] { settled }));
        var stored = await DecisionAsync(5);
        Assert.That((stored.Seq, stored.Record.HeadSha), Is.EqualTo((1L, settled)));
        Assert.That(_bot.Log.Entries.Select(e => e.Message), Has.Some.Contains("moved during each of 3 reads"));
    }
}
