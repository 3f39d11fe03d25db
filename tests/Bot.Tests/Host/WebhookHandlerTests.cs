using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Evaluation;
using Bot.Evidence.Changes;
using Bot.Evidence.Inbox;
using Bot.Tests.Support;
using static Bot.Tests.Host.HostUnderTest;
using static Bot.Tests.Host.Users;

namespace Bot.Tests.Host;

/// <summary>Each event's handler, through the worker path (stored as intake stores it, handled by the DeliveryHandler) with
/// the in-memory GitHub and a real evidence store.</summary>
public sealed class WebhookHandlerTests
{
    private HostUnderTest _host = null!;

    [SetUp]
    public void SetUp() => _host = HostUnderTest.Start(appId: "2");

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task An_opened_pull_request_is_evaluated_and_recorded_for_its_head()
    {
        var pr = _host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n").File("src/Ledger.cs");

        await _host.DeliverAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, pr.HeadSha));

        var recorded = await _host.Decisions.LatestForPullRequestHeadAsync(Repo, 1, pr.HeadSha);
        Assert.That(recorded, Is.Not.Null);
        Assert.That(_host.GitHub.Repository(Repo).CheckRunsOn(pr.HeadSha).Count(), Is.EqualTo(1));
        Assert.That(await _host.CountAsync(DeliveryState.Processed), Is.EqualTo(1));
    }

    [Test]
    public async Task A_review_by_the_author_does_not_approve()
    {
        var pr = _host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n").File("src/Ledger.cs").ApprovedBy(Alice);

        await _host.DeliverAsync("pull_request_review", WebhookPayloads.Review(Repo, 1, pr.HeadSha));

        var decision = DecisionJson.Deserialize((await _host.Decisions.LatestForPullRequestHeadAsync(Repo, 1, pr.HeadSha))!.Record.DecisionJson);
        Assert.That(decision.Approvals.Single().Login, Is.EqualTo("alice"));
        Assert.That(decision.Approvals.Single().Qualifies, Is.False);
        Assert.That(decision.QualifyingApprovals, Is.Zero);
    }

    [Test]
    public async Task A_review_by_someone_else_approves()
    {
        var pr = _host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n").File("src/Ledger.cs").ApprovedBy(Bob);

        await _host.DeliverAsync("pull_request_review", WebhookPayloads.Review(Repo, 1, pr.HeadSha));

        var decision = DecisionJson.Deserialize((await _host.Decisions.LatestForPullRequestHeadAsync(Repo, 1, pr.HeadSha))!.Record.DecisionJson);
        Assert.That(decision.QualifyingApprovals, Is.EqualTo(1));
    }

    [Test]
    public async Task A_closed_unmerged_pull_request_records_nothing()
    {
        var pr = _host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n").Closed();

        await _host.DeliverAsync("pull_request", WebhookPayloads.PullRequest("closed", Repo, 1, pr.HeadSha));

        Assert.That(await _host.Changes.ExistsAsync(Repo, "main", ChangeKinds.PullRequest, "1"), Is.False);
        Assert.That(_host.GitHub.Calls, Is.Empty, "nothing to read: the payload says it did not merge");
        Assert.That(await _host.CountAsync(DeliveryState.Processed), Is.EqualTo(1));
    }

    [Test]
    public async Task An_edited_override_comment_is_not_even_read()
    {
        _host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n");

        await _host.DeliverAsync("issue_comment", WebhookPayloads.PullRequestComment(Repo, 1, 55, "/ai-compliance override urgent", Carol.Id, Carol.Login, action: "edited"));

        Assert.That(_host.GitHub.Calls, Is.Empty);
        Assert.That(_host.GitHub.Repository(Repo).PostedComments, Is.Empty);
        Assert.That(await _host.CountAsync(DeliveryState.Processed), Is.EqualTo(1));
    }

    [Test]
    public async Task A_suspended_installation_loses_its_token_and_nothing_is_evaluated()
    {
        await _host.DeliverAsync("installation", WebhookPayloads.Raw("installation", "suspend.payload.json"));

        Assert.That(_host.GitHub.Forgotten, Is.EqualTo(new[] { 16598467L }));
        Assert.That(_host.GitHub.Calls, Is.Empty);
    }

    [Test]
    public async Task Repositories_added_to_an_installation_get_their_open_pull_requests_evaluated()
    {
        var space = _host.GitHub.Repository("Codertocat/Space");
        var open = space.PullRequest(1, Alice).Commit("One\n\nAI-Assisted: no\n");
        var closed = space.PullRequest(2, Alice).Commit("Two\n\nAI-Assisted: no\n").Closed();

        await _host.DeliverAsync("installation_repositories", WebhookPayloads.Raw("installation_repositories", "added.payload.json"));

        Assert.That(space.CheckRunsOn(open.HeadSha).Count(), Is.EqualTo(1));
        Assert.That(space.CheckRunsOn(closed.HeadSha), Is.Empty);
    }

    [Test]
    public async Task A_rerequested_check_run_of_another_app_evaluates_nothing()
    {
        await using var host = HostUnderTest.Start(appId: "999");
        var pr = host.GitHub.Repository("github/hello-world").PullRequest(1, Alice).Commit("One\n\nAI-Assisted: no\n");
        host.GitHub.Repository("github/hello-world").CommitPullRequests["d6fde92930d4715a2b49857d24b940956b26d2d3"] = [1];

        await host.DeliverAsync("check_run", WebhookPayloads.Raw("check_run", "rerequested.payload.json"));

        Assert.That(host.GitHub.Calls, Is.Empty);
        Assert.That(host.GitHub.Repository("github/hello-world").CheckRunsOn(pr.HeadSha), Is.Empty);
    }

    [Test]
    public async Task A_rerequested_check_run_without_pull_requests_evaluates_the_open_ones_holding_its_commit()
    {
        var repository = _host.GitHub.Repository("github/hello-world");
        var open = repository.PullRequest(1, Alice).Commit("One\n\nAI-Assisted: no\n");
        var closed = repository.PullRequest(2, Alice).Commit("Two\n\nAI-Assisted: no\n").Closed();
        repository.CommitPullRequests["d6fde92930d4715a2b49857d24b940956b26d2d3"] = [1, 2];

        await _host.DeliverAsync("check_run", WebhookPayloads.Raw("check_run", "rerequested.payload.json"));

        Assert.That(repository.CheckRunsOn(open.HeadSha).Count(), Is.EqualTo(1));
        Assert.That(repository.CheckRunsOn(closed.HeadSha), Is.Empty);
    }

    [Test]
    public async Task A_requested_check_suite_naming_its_pull_request_evaluates_it()
    {
        var node = JsonNode.Parse(WebhookPayloads.Raw("check_suite", "requested.payload.json"))!;
        node["check_suite"]!["pull_requests"] = new JsonArray(new JsonObject { ["number"] = 3, ["id"] = 3, ["url"] = "u",
            ["head"] = new JsonObject { ["ref"] = "f", ["sha"] = "f", ["repo"] = new JsonObject { ["id"] = 1, ["url"] = "u", ["name"] = "n" } },
            ["base"] = new JsonObject { ["ref"] = "main", ["sha"] = "b", ["repo"] = new JsonObject { ["id"] = 1, ["url"] = "u", ["name"] = "n" } } });
        var pr = _host.GitHub.Repository("Codertocat/Hello-World").PullRequest(3, Alice).Commit("Three\n\nAI-Assisted: no\n");

        await _host.DeliverAsync("check_suite", Encoding.UTF8.GetBytes(node.ToJsonString()));

        Assert.That(_host.GitHub.Repository("Codertocat/Hello-World").CheckRunsOn(pr.HeadSha).Count(), Is.EqualTo(1));
        Assert.That(_host.GitHub.CallCount("GET Codertocat/Hello-World commits/"), Is.Zero, "the payload names the pull request");
    }

    [Test]
    public async Task An_event_without_a_handler_is_processed_with_nothing_to_do()
    {
        await _host.Inbox.EnqueueAsync(new InboundDelivery("d-star", "star", "created", Installation, Repo, DateTimeOffset.UtcNow, "{}"u8.ToArray()));

        await _host.WorkAsync();

        Assert.That(await _host.CountAsync(DeliveryState.Processed), Is.EqualTo(1));
        Assert.That(_host.GitHub.Calls, Is.Empty);
    }

    [Test]
    public async Task A_stored_body_that_no_longer_parses_fails_its_delivery_at_once()
    {
        await _host.Inbox.EnqueueAsync(new InboundDelivery("d-push", "push", null, Installation, Repo, DateTimeOffset.UtcNow, "not json"u8.ToArray()));

        await _host.WorkAsync();

        Assert.That(await _host.CountAsync(DeliveryState.Failed), Is.EqualTo(1), "no retry can mend a damaged row");
    }
}
