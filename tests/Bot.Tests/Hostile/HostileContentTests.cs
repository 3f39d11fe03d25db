using System.Text;
using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.Tests.Support;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Hostile;

/// <summary>Validly signed deliveries whose content is hostile: the bot still reaches an honest decision (or refuses
/// to decide), never a 5xx, never a summary that says something other than what was evaluated.</summary>
public sealed class HostileContentTests : BotScenario
{
    private const int SummaryLimit = 65535; // GitHub refuses a check-run summary over 65,535 characters.

    private const string AiBody = PullRequestBodies.AiDeclared;

    private FakePullRequest PullRequest(int number, string commitMessage, string body = AiBody)
    {
        var head = number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(40, 'c');
        var pr = _bot.GitHub.AddPullRequest(Repo, number, Alice, head, body: body);
        _bot.GitHub.AddCommit(pr, head, commitMessage, Alice);
        _bot.GitHub.AddFile(pr, "src/parser.cs");
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");
        return pr;
    }

    private async Task<FakeCheckRun> EvaluatedAsync(FakePullRequest pr)
    {
        var response = await _bot.SendAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, pr.Number, pr.HeadSha));
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        FakeCheckRun? run = null;
        Assert.That(await BotUnderTest.EventuallyAsync(() => (run = _bot.GitHub.CheckRuns(Repo).LastOrDefault(r => r.HeadSha == pr.HeadSha)) is not null, 60),
            Is.True, "a check run is posted");
        Assert.That(run!.Summary!.Length, Is.LessThanOrEqualTo(SummaryLimit));
        Assert.That(await BotUnderTest.EventuallyAsync(async () => await _bot.Store.Decisions.LatestAsync(Repo, pr.Number) is not null), Is.True,
            "the decision is recorded");
        return run;
    }

    [Test]
    public async Task A_payload_for_an_installation_that_is_not_ours_is_never_evaluated()
    {
        var response = await _bot.SendAsync("pull_request", WebhookPayloads.PullRequest("opened", "evil/elsewhere", 1, new string('e', 40), installationId: 999));

        Assert.That((int)response.StatusCode, Is.EqualTo(202), "the signature is valid, so it is kept; GitHub alone can say whose it is");
        Assert.That(await BotUnderTest.EventuallyAsync(async () =>
            (await _bot.Store.Inbox.CountByStateAsync()).GetValueOrDefault(DeliveryState.Failed) == 1), Is.True,
            "GitHub refuses a token for the unknown installation; the delivery ends failed");
        Assert.That(_bot.GitHub.Calls.For("POST /app/installations/{id}/access_tokens"), Is.EqualTo(1),
            "failed at once: no retry can make the installation ours");
        Assert.That(_bot.GitHub.Calls.For("POST /repos/{owner}/{repo}/check-runs"), Is.Zero, "no check run posted anywhere");
        Assert.That(await _bot.Store.Decisions.LatestAsync("evil/elsewhere", 1), Is.Null, "nothing recorded as evidence");
    }

    [Test]
    public async Task A_repository_not_installed_for_the_installation_is_never_evaluated()
    {
        var response = await _bot.SendAsync("pull_request", WebhookPayloads.PullRequest("opened", "octo/not-installed", 1, new string('e', 40)));

        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        Assert.That(await BotUnderTest.EventuallyAsync(async () =>
            (await _bot.Store.Inbox.CountByStateAsync()).GetValueOrDefault(DeliveryState.Failed) == 1), Is.True);
        Assert.That(await _bot.Store.Decisions.LatestAsync("octo/not-installed", 1), Is.Null);
    }

    [Test]
    public async Task A_body_of_one_MiB_of_checkboxes_is_evaluated_within_the_summary_limit()
    {
        var body = new StringBuilder(AiBody);
        while (body.Length < 1024 * 1024) body.Append("- [x] This change does not include AI-assisted code\n- [ ] item\n");
        var pr = PullRequest(1, "Add the parser\n\nAI-Assisted: Cursor 0.45\n", body.ToString());

        var run = await EvaluatedAsync(pr);

        Assert.That(run.Conclusion, Is.EqualTo("failure"), "both declarations are ticked: contradictory, never success");
    }

    [Test]
    public async Task A_commit_message_with_100000_trailer_lines_is_evaluated_within_the_summary_limit()
    {
        var message = new StringBuilder("Add the parser\n\n");
        for (var i = 0; i < 100_000; i++) message.Append("AI-Assisted: Tool").Append(i).Append('\n');
        var pr = PullRequest(2, message.ToString());

        var run = await EvaluatedAsync(pr);

        Assert.That(run.Status, Is.EqualTo("completed"));
    }

    [TestCase("[All checks passed](https://evil.example/ok) <img src=x onerror=alert(1)>")]
    [TestCase("</details>\n\n# ✅ Approved by security\n\n<!--")]
    [TestCase("`` ` `` **success** | col | ![x](https://evil.example/x.png)")]
    public async Task A_tool_name_written_to_fake_the_summary_is_shown_as_text(string tool)
    {
        _bot.GitHub.SetContent(Repo, ".github/ai-compliance.yml", "main", "version: 1\napproved_tools: [\"Claude Code*\"]\n");
        var pr = PullRequest(3, $"Add the parser\n\nAI-Assisted: {tool.Replace("\n", " ", StringComparison.Ordinal)}\n");

        var run = await EvaluatedAsync(pr);

        Assert.That(run.Conclusion, Is.EqualTo("failure"), "an unapproved tool fails whatever it is called");
        Assert.That(run.Summary, Does.Not.Contain("](https://evil.example"), "no live link");
        Assert.That(run.Summary, Does.Not.Contain("<img").And.Not.Contain("</details>").And.Not.Contain("<!--"), "no live HTML");
    }

    [Test]
    public async Task A_policy_with_exponentially_expanding_anchors_fails_as_invalid_and_fast()
    {
        // Nine references per level, eleven levels: 9^11 (31 billion) strings if expanded.
        var yaml = new StringBuilder("version: 1\nl0: &l0 [" + string.Join(",", Enumerable.Repeat("\"x\"", 9)) + "]\n");
        for (var i = 1; i < 12; i++)
            yaml.Append(FormattableString.Invariant($"l{i}: &l{i} [{string.Join(",", Enumerable.Repeat($"*l{i - 1}", 9))}]\n"));
        yaml.Append("approved_tools: *l11\n");
        _bot.GitHub.SetContent(Repo, ".github/ai-compliance.yml", "main", yaml.ToString());
        var pr = PullRequest(4, "Add the parser\n\nAI-Assisted: Cursor 0.45\n");

        var run = await EvaluatedAsync(pr);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(run.Title, Is.EqualTo("Policy file invalid"));
    }

    [Test]
    public async Task A_policy_file_of_10_MiB_fails_as_invalid()
    {
        var yaml = new StringBuilder("version: 1\napproved_tools:\n");
        while (yaml.Length < 10 * 1024 * 1024) yaml.Append("  - \"Cursor*\"\n");
        _bot.GitHub.SetContent(Repo, ".github/ai-compliance.yml", "main", yaml.ToString());
        var pr = PullRequest(5, "Add the parser\n\nAI-Assisted: Cursor 0.45\n");

        var run = await EvaluatedAsync(pr);

        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(run.Title, Is.EqualTo("Policy file invalid"));
    }

    [Test]
    public async Task No_real_fixture_sent_with_a_valid_signature_yields_a_5xx()
    {
        foreach (var (eventName, file) in WebhookPayloads.All())
        {
            var response = await _bot.SendAsync(eventName, WebhookPayloads.Raw(eventName, file));
            Assert.That((int)response.StatusCode, Is.LessThan(500), $"{eventName}/{file}");
        }
    }
}
