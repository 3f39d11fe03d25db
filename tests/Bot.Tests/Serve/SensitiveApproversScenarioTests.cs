using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.Tests.Support;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Serve;

/// <summary><c>review.sensitive_approvers</c> end to end: signed review deliveries, the policy read from the repository, the
/// fake GitHub's team membership API, the check run and the evidence record.</summary>
public sealed class SensitiveApproversScenarioTests
{
    private const string Repo = "acme/platform";
    private const string MembershipRoute = "GET /orgs/{org}/teams/{team}/memberships/{username}";
    private const string Policy = """
        version: 1
        review:
          sensitive_paths: ["infra/**"]
          sensitive_required_approvals: 1
          sensitive_approvers: ["@acme/security"]
        """;


    private BotUnderTest _bot = null!;

    [SetUp]
    public async Task SetUp()
    {
        _bot = await BotUnderTest.StartAsync();
        _bot.GitHub.AddRepository(Repo);
        _bot.GitHub.SetContent(Repo, ".github/ai-compliance.yml", "main", Policy);
        _bot.GitHub.AddTeamMember("acme", "security", "carol");
    }

    [TearDown]
    public async Task TearDown() => await _bot.DisposeAsync();

    /// <summary>Alice's AI-assisted change to infra/main.tf, approved by <paramref name="reviewer"/>.</summary>
    private FakePullRequest InfraChange(int number, FakeUser reviewer)
    {
        var head = $"{number:x2}".PadRight(40, 'e');
        var pr = _bot.GitHub.AddPullRequest(Repo, number, Alice, head, body: PullRequestBodies.AiDeclared);
        _bot.GitHub.AddCommit(pr, head, "Open the firewall for the new service\n\nAI-Assisted: Cursor 0.45\n", Alice);
        _bot.GitHub.AddFile(pr, "infra/main.tf");
        _bot.GitHub.AddReview(pr, reviewer, "APPROVED");
        return pr;
    }

    private async Task<FakeCheckRun> ReviewedAsync(FakePullRequest pr)
    {
        await _bot.DeliverAndDrainAsync("pull_request_review", WebhookPayloads.Review(Repo, pr.Number, pr.HeadSha));
        return _bot.GitHub.CheckRuns(Repo).Last(r => r.HeadSha == pr.HeadSha);
    }

    [Test]
    public async Task An_approval_from_a_non_member_leaves_the_check_pending_naming_the_team()
    {
        var run = await ReviewedAsync(InfraChange(1, Bob));

        Assert.That((run.Status, run.Conclusion), Is.EqualTo(("in_progress", (string?)null)));
        Assert.That(run.Title, Is.EqualTo("Waiting for an approval from @acme/security"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("`sensitive_approvers`: not satisfied, not listed in sensitive_approvers and not an active member of @acme/security"));
        Assert.That(_bot.GitHub.Calls.For(MembershipRoute), Is.EqualTo(1));
    }

    [Test]
    public async Task An_approval_from_an_active_member_succeeds_and_the_evidence_says_why()
    {
        var run = await ReviewedAsync(InfraChange(2, Carol));

        Assert.That(run.Conclusion, Is.EqualTo("success"), run.Summary);
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("`sensitive_approvers`: satisfied, active member of @acme/security"));
        var stored = await _bot.Store.Decisions.LatestAsync(Repo, 2);
        Assert.That(stored!.Record.ApprovalsJson, Does.Contain("\"sensitiveApprover\":{\"satisfies\":true,\"reason\":\"active member of @acme/security\"}"));
    }

    [Test]
    public async Task A_member_who_is_also_a_contributor_does_not_count()
    {
        var pr = InfraChange(3, Carol);
        var head = "f3".PadRight(40, 'e');
        _bot.GitHub.AddCommit(pr, head, "Tighten the rule\n\nAI-Assisted: Cursor 0.45\n", Carol);
        _bot.GitHub.SetHead(pr, head);
        _bot.GitHub.AddReview(pr, Carol, "APPROVED", head);

        var run = await ReviewedAsync(pr);

        Assert.That(run.Status, Is.EqualTo("in_progress"));
        Assert.That(run.Title, Is.EqualTo("Waiting for 1 approval from a reviewer who did not author or prompt this change, one from @acme/security"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("reviewer authored commit f3eeeee"));
        Assert.That(_bot.GitHub.Calls.For(MembershipRoute), Is.Zero, "a contributor's approval is never asked about");
    }

    [Test]
    public async Task Membership_answers_are_kept_briefly_so_a_second_evaluation_does_not_ask_again()
    {
        var pr = InfraChange(4, Carol);
        await ReviewedAsync(pr);

        await ReviewedAsync(pr);

        Assert.That(_bot.GitHub.Calls.For(MembershipRoute), Is.EqualTo(1));
        Assert.That(_bot.GitHub.CheckRuns(Repo).Last(r => r.HeadSha == pr.HeadSha).Conclusion, Is.EqualTo("success"));
    }

    [TestCase(503, TestName = "The_team_API_failing_with_503_never_yields_success")]
    [TestCase(403, TestName = "The_team_API_refusing_with_403_never_yields_success")]
    public async Task The_team_API_failing_never_yields_success(int status)
    {
        var pr = InfraChange(5, Carol);
        _bot.GitHub.Faults.Always(FakeFault.Status(status, pathContains: "/teams/"));

        var response = await _bot.SendAsync("pull_request_review", WebhookPayloads.Review(Repo, 5, pr.HeadSha));
        Assert.That((int)response.StatusCode, Is.EqualTo(202));

        Assert.That(await BotUnderTest.EventuallyAsync(async () => (await _bot.Store.Inbox.CountByStateAsync())[DeliveryState.Failed] == 1),
            Is.True, "the attempts are used up and the delivery is marked failed");
        // The check run says so right after the delivery is marked failed.
        Assert.That(await BotUnderTest.EventuallyAsync(() => _bot.GitHub.CheckRuns(Repo).Any(r => r.HeadSha == pr.HeadSha)), Is.True);
        Assert.That(_bot.GitHub.CheckRuns(Repo).Where(r => r.Conclusion == "success"), Is.Empty);
        Assert.That(_bot.GitHub.CheckRuns(Repo).Last(r => r.HeadSha == pr.HeadSha).Title, Is.EqualTo("Could not evaluate this change"));
        Assert.That(await _bot.Store.Decisions.LatestAsync(Repo, 5), Is.Null, "no decision without the membership answer");
    }
}
