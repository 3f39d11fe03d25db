using System.Globalization;
using System.Text.Json;
using Bot.Cli;
using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.Tests.Population;
using Bot.Tests.Support;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Overrides;

/// <summary>policy.md §7 end to end: signed issue_comment deliveries, the fake GitHub, the evidence chain and the export.</summary>
public sealed partial class OverrideScenarioTests
{
    private const string Repo = "octo/app";
    private const string Reason = "Emergency fix for the payment outage, reviewed on the call";

    // Both boxes ticked: the declaration rule fails whatever else holds.
    private const string ContradictoryBody = """
        - [x] This change includes AI-assisted code
        - [x] This change does not include AI-assisted code
        - [x] No secrets, credentials or customer data were entered into AI tools for this change
        """;

    private BotUnderTest _bot = null!;
    private FakePullRequest _pr = null!;

    [SetUp]
    public async Task SetUp()
    {
        _bot = await BotUnderTest.StartAsync();
        _bot.GitHub.AddRepository(Repo);
        _bot.GitHub.SetContent(Repo, ".github/ai-compliance.yml", "main", "version: 1\noverrides:\n  approvers: [carol, alice]\n");
        var head = "a".PadRight(40, '1');
        _pr = _bot.GitHub.AddPullRequest(Repo, 1, Alice, head, body: ContradictoryBody, title: "Hotfix payments");
        _bot.GitHub.AddCommit(_pr, head, "Hotfix payments\n\nAI-Assisted: Cursor 0.45\n", Alice);
        await DeliverAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, head));
        Assert.That(LatestRun(head).Conclusion, Is.EqualTo("failure"));
    }

    [TearDown]
    public async Task TearDown() => await _bot.DisposeAsync();

    private FakeCheckRun LatestRun(string head) => _bot.GitHub.CheckRuns(Repo).Last(r => r.HeadSha == head);

    private Task DeliverAsync(string eventName, byte[] body) => _bot.DeliverAndDrainAsync(eventName, body);

    /// <summary>The user writes the comment on GitHub (after the bot's latest decision: GitHub's times are whole seconds, so a
    /// second later), and GitHub delivers it.</summary>
    private async Task<FakeIssueComment> CommentAsync(FakeUser user, string body)
    {
        var written = _bot.GitHub.AddComment(Repo, 1, user, body, createdAt: DateTimeOffset.UtcNow.AddSeconds(1));
        await DeliverAsync("issue_comment", WebhookPayloads.PullRequestComment(Repo, 1, written.Id, body, user.Id, user.Login));
        return written;
    }

    [Test]
    public async Task An_approver_overrides_a_failing_pull_request_with_evidence_and_an_export_row()
    {
        await CommentAsync(Carol, $"/ai-compliance override {Reason}");

        var run = LatestRun(_pr.HeadSha);
        Assert.That(run.Conclusion, Is.EqualTo("success"));
        Assert.That(run.Title, Is.EqualTo("Overridden by @carol"));
        var summary = RenderedText.Visible(run.Summary);
        Assert.That(summary, Does.Contain(Reason));
        Assert.That(summary, Does.Contain("Failing rules: declaration"));
        var active = await _bot.Store.Overrides.ActiveAsync(Repo, 1, _pr.HeadSha);
        Assert.That(active, Is.Not.Null);
        Assert.That(active!.Record.ApproverLogin, Is.EqualTo("carol"));
        Assert.That(active.Record.Reason, Is.EqualTo(Reason));
        Assert.That(active.Record.FailedRulesJson, Does.Contain("declaration"));
        Assert.That(_bot.GitHub.Comments(Repo)[^1].Body, Does.Contain("Exception recorded"));

        // Merge it: the export lists the change as an approved exception with approver, time and reason.
        var merged = "m".PadRight(40, 'c');
        _bot.GitHub.SetMerged(_pr, merged);
        var mergedAt = DateTimeOffset.UtcNow;
        await DeliverAsync("pull_request", PopulationPayloads.Merged(Repo, 1, "Hotfix payments", "alice", _pr.HeadSha, "b".PadRight(40, '0'), merged, mergedAt, "carol"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        await BotCli.RunAsync(["export", "--db", _bot.DatabasePath, "--format", "json",
            "--from", mergedAt.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--to", mergedAt.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], output, error);
        Assert.That(output.ToString(), Is.Not.Empty, error.ToString());
        var text = JsonDocument.Parse(output.ToString()).RootElement.ToString();
        Assert.That(text, Does.Contain("approved_override: @carol"));
        Assert.That(text, Does.Contain(Reason));
    }

    [Test]
    public async Task A_contributors_override_is_refused_with_a_reply()
    {
        await CommentAsync(Alice, $"/ai-compliance override {Reason}");

        Assert.That(LatestRun(_pr.HeadSha).Conclusion, Is.EqualTo("failure"));
        Assert.That(await _bot.Store.Overrides.ActiveAsync(Repo, 1, _pr.HeadSha), Is.Null);
        Assert.That(RenderedText.Visible(_bot.GitHub.Comments(Repo).Single().Body), Does.Contain("contributor"));
    }

    [Test]
    public async Task A_non_approvers_override_is_refused_with_a_reply()
    {
        await CommentAsync(Dave, $"/ai-compliance override {Reason}");

        Assert.That(LatestRun(_pr.HeadSha).Conclusion, Is.EqualTo("failure"));
        Assert.That(RenderedText.Visible(_bot.GitHub.Comments(Repo).Single().Body), Does.Contain("not listed in overrides.approvers"));
    }

    [Test]
    public async Task A_push_after_the_override_evaluates_the_new_head_normally()
    {
        await CommentAsync(Carol, $"/ai-compliance override {Reason}");
        var newHead = "d".PadRight(40, '2');
        _bot.GitHub.AddCommit(_pr, newHead, "Follow-up\n\nAI-Assisted: Cursor 0.45\n", Alice);
        _bot.GitHub.SetHead(_pr, newHead);

        await DeliverAsync("pull_request", WebhookPayloads.PullRequest("synchronize", Repo, 1, newHead));

        Assert.That(LatestRun(newHead).Conclusion, Is.EqualTo("failure"));
        Assert.That(LatestRun(newHead).Title, Does.Not.Contain("Overridden"));
    }

    [Test]
    public async Task Revoke_restores_the_failing_conclusion()
    {
        await CommentAsync(Carol, $"/ai-compliance override {Reason}");
        Assert.That(LatestRun(_pr.HeadSha).Conclusion, Is.EqualTo("success"));

        await CommentAsync(Carol, "/ai-compliance revoke");

        Assert.That(LatestRun(_pr.HeadSha).Conclusion, Is.EqualTo("failure"));
        Assert.That(await _bot.Store.Overrides.ActiveAsync(Repo, 1, _pr.HeadSha), Is.Null);
    }

    [Test]
    public async Task An_override_comment_edited_afterwards_does_not_change_what_was_recorded()
    {
        var comment = await CommentAsync(Carol, $"/ai-compliance override {Reason}");

        const string Later = "/ai-compliance override a completely different story told later";
        _bot.GitHub.EditComment(comment.Id, Later);
        await DeliverAsync("issue_comment", WebhookPayloads.PullRequestComment(Repo, 1, comment.Id, Later, Carol.Id, Carol.Login, "edited"));

        var active = await _bot.Store.Overrides.ActiveAsync(Repo, 1, _pr.HeadSha);
        Assert.That(active!.Record.Reason, Is.EqualTo(Reason));
        Assert.That(active.Seq, Is.EqualTo(1), "the edit added no record");
        Assert.That(LatestRun(_pr.HeadSha).Title, Is.EqualTo("Overridden by @carol"));
    }
}
