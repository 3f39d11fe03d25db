using Bot.GitHub.Webhooks;
using Bot.GitHub.Webhooks.Payloads;
using NUnit.Framework;
using static Bot.GitHub.Tests.Webhooks.WebhookFixtures;

namespace Bot.GitHub.Tests.Webhooks;

public class WebhookRoutingTests
{
    private const string HelloWorld = "Codertocat/Hello-World";

    /// <summary>Expected decision for every fixture, written out by hand (not derived from the routing table).</summary>
    private static IEnumerable<TestCaseData> Expectations()
    {
        yield return Case("pull_request", "opened.payload.json", true, "pull_request opened is acted on", "1/Codertocat/Hello-World#2");
        yield return Case("pull_request", "reopened.payload.json", true, "pull_request reopened is acted on", "1/Codertocat/Hello-World#2");
        yield return Case("pull_request", "synchronize.payload.json", true, "pull_request synchronize is acted on", "1/Codertocat/Hello-World#2");
        yield return Case("pull_request", "closed.payload.json", true, "pull_request closed is acted on", "1/Codertocat/Hello-World#2");
        yield return Case("pull_request", "converted_to_draft.with-installation.payload.json", true, "pull_request converted_to_draft is acted on", null);
        yield return Case("pull_request", "ready_for_review.with-installation.payload.json", true, "pull_request ready_for_review is acted on", null);
        yield return Case("pull_request", "labeled.payload.json", false, "pull_request action labeled is not acted on", null);
        yield return Case("pull_request", "unlabeled.payload.json", false, "pull_request action unlabeled is not acted on", null);
        yield return Case("pull_request", "review_requested.payload.json", false, "pull_request action review_requested is not acted on", null);
        yield return Case("pull_request_review", "submitted.payload.json", true, "pull_request_review submitted is acted on", "1/Codertocat/Hello-World#2");
        yield return Case("pull_request_review", "dismissed.payload.json", true, "pull_request_review dismissed is acted on", null);
        yield return Case("push", "with-new-branch.payload.json", true, "push is acted on", "1/Codertocat/Hello-World@6113728f27ae82c7b1a177c8d03f9e96e0adf246");
        yield return Case("push", "with-installation.payload.json", true, "push is acted on", "1/Codertocat/Hello-World");
        yield return Case("installation", "created.payload.json", true, "installation created is acted on", "957387");
        yield return Case("installation", "deleted.payload.json", true, "installation deleted is acted on", "2");
        yield return Case("installation", "suspend.payload.json", true, "installation suspend is acted on", "16598467");
        yield return Case("installation", "unsuspend.payload.json", true, "installation unsuspend is acted on", null);
        yield return Case("installation", "new_permissions_accepted.payload.json", false, "installation action new_permissions_accepted is not acted on", null);
        yield return Case("installation_repositories", "added.payload.json", true, "installation_repositories added is acted on", "957387");
        yield return Case("installation_repositories", "removed.payload.json", false, "installation_repositories action removed is not acted on", null);
        yield return Case("ping", "with-app_id.payload.json", false, "event ping is not acted on", null);
        yield return Case("check_run", "rerequested.payload.json", true, "check_run rerequested is acted on", "1/github/hello-world@d6fde92930d4715a2b49857d24b940956b26d2d3");
        yield return Case("check_run", "requested_action.payload.json", false, "check_run action requested_action is not acted on", null);
        yield return Case("check_suite", "requested.payload.json", true, "check_suite requested is acted on", "957387/Codertocat/Hello-World@f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
        yield return Case("check_suite", "rerequested.payload.json", true, "check_suite rerequested is acted on", "957387/Codertocat/Hello-World#2");
        yield return Case("merge_group", "checks_requested.json", true, "merge_group checks_requested is acted on", "1/octo-org/octo-repo@2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d");

        static TestCaseData Case(string eventName, string file, bool act, string reason, string? workKey) =>
            new TestCaseData(eventName, file, act, reason, workKey).SetArgDisplayNames($"{eventName}/{file}");
    }

    [TestCase("pull_request", "opened", true)]
    [TestCase("pull_request", "synchronize", true)]
    [TestCase("pull_request", "closed", false, TestName = "IsRouteOnly_ClosedPullRequest_NeedsItsBody")]
    [TestCase("pull_request_review", "submitted", true)]
    [TestCase("push", null, false)]
    [TestCase("issue_comment", "created", false)]
    [TestCase("check_run", "rerequested", false)]
    public void IsRouteOnly_OnlyOpenPullRequestEventsNeedNoBody(string eventName, string? action, bool routeOnly) =>
        Assert.That(WebhookRouting.IsRouteOnly(eventName, action), Is.EqualTo(routeOnly));

    [Test]
    public void Expectations_CoverEveryFixture() =>
        Assert.That(
            Expectations().Select(c => $"{c.Arguments[0]}/{c.Arguments[1]}"),
            Is.EquivalentTo(All().Select(c => $"{c.Arguments[0]}/{c.Arguments[1]}")));

    [TestCaseSource(nameof(Expectations))]
    public void Classify_Fixture_ActsOrIgnoresWithReason(string eventName, string file, bool act, string reason, string? workKey)
    {
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>(eventName, file));

        Assert.That((decision.Act, decision.Reason, decision.EventName), Is.EqualTo((act, reason, eventName)));
        if (workKey is not null)
        {
            Assert.That(decision.WorkKey, Is.EqualTo(workKey));
        }
    }

    [Test]
    public void Classify_PullRequestOpened_FillsIdentity()
    {
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>("pull_request", "opened.payload.json"));
        Assert.That(
            (decision.Action, decision.InstallationId, decision.Repository, decision.PullRequestNumber, decision.HeadSha),
            Is.EqualTo(("opened", (long?)1, HelloWorld, (int?)2, "ec26c3e57ca3a959ca5aad62de7213c562f8c821")));
    }

    [Test]
    public void Classify_ReviewAndPullRequestOfSamePr_ShareTheWorkKey()
    {
        var review = WebhookRouting.Classify(Parse<WebhookEvent>("pull_request_review", "submitted.payload.json"));
        var sync = WebhookRouting.Classify(Parse<WebhookEvent>("pull_request", "synchronize.payload.json"));
        Assert.That(review.WorkKey, Is.EqualTo(sync.WorkKey));
    }

    [Test]
    public void Classify_PushDeletingARef_HasNoHeadSha() =>
        Assert.That(WebhookRouting.Classify(Parse<WebhookEvent>("push", "with-installation.payload.json")).HeadSha, Is.Null);

    [Test]
    public void Classify_InstallationEvent_HasNoRepositoryInTheKey()
    {
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>("installation", "deleted.payload.json"));
        Assert.That((decision.InstallationId, decision.Repository, decision.WorkKey), Is.EqualTo(((long?)2, (string?)null, "2")));
    }

    [Test]
    public void Classify_CheckSuiteForSeveralPullRequests_KeysByHeadSha()
    {
        // Derived: a commit that heads two PRs; no single PR number can be named.
        var body = Derive("check_suite", "rerequested.payload.json", root =>
        {
            var prs = root["check_suite"]!["pull_requests"]!.AsArray();
            var second = prs[0]!.DeepClone();
            second["number"] = 3;
            prs.Add(second);
        });
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>("check_suite", body));
        Assert.That(decision.PullRequestNumber, Is.Null);
        Assert.That(decision.WorkKey, Does.StartWith("957387/Codertocat/Hello-World@"));
    }

    [TestCase("pull_request", "opened.payload.json", "edited", TestName = "Classify_PullRequestEdited_DerivedFromOpened_IsActedOn")]
    [TestCase("pull_request_review", "submitted.payload.json", "edited", TestName = "Classify_ReviewEdited_DerivedFromSubmitted_IsActedOn")]
    public void Classify_EditedAction_DerivedFixture_IsActedOn(string eventName, string file, string action)
    {
        // No real "edited" example exists: the fixture's action is rewritten.
        var body = Derive(eventName, file, root => root["action"] = action);
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>(eventName, body));
        Assert.That((decision.Act, decision.Reason), Is.EqualTo((true, $"{eventName} {action} is acted on")));
    }

    [Test]
    public void Classify_PullRequestClosedMerged_DerivedFixture_IsActedOn()
    {
        // Derived: closed.payload.json edited to merged:true (no real merged example exists).
        var body = Derive("pull_request", "closed.payload.json", root => root["pull_request"]!["merged"] = true);
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>("pull_request", body));
        Assert.That((decision.Act, decision.PullRequestNumber), Is.EqualTo((true, (int?)2)));
    }

    [Test]
    public void Classify_ActionableEventWithoutInstallation_IsIgnored()
    {
        // Derived: a repository-level hook delivery carries no installation, so no token can be had.
        var body = Derive("pull_request", "opened.payload.json", root => root.Remove("installation"));
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>("pull_request", body));
        Assert.That(decision.Act, Is.False);
        Assert.That(decision.Reason, Is.EqualTo("pull_request opened has no installation id, so there is no installation to act through"));
        Assert.That(decision.WorkKey, Is.Null);
    }

    [Test]
    public void Classify_PullRequestWithoutAction_IsIgnored()
    {
        var body = Derive("pull_request", "opened.payload.json", root => root.Remove("action"));
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>("pull_request", body));
        Assert.That((decision.Act, decision.Reason), Is.EqualTo((false, "pull_request delivery has no action")));
    }

    [Test]
    public void Classify_ActionsAreMatchedExactly()
    {
        var body = Derive("pull_request", "opened.payload.json", root => root["action"] = "Opened");
        Assert.That(WebhookRouting.Classify(Parse<WebhookEvent>("pull_request", body)).Act, Is.False);
    }

    [Test]
    public void Classify_UnknownEvent_IsIgnoredByName()
    {
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>("star", Bytes("pull_request", "opened.payload.json")));
        Assert.That((decision.Act, decision.Reason), Is.EqualTo((false, "event star is not acted on")));
    }

    [Test]
    public void Classify_CommentOnPullRequest_IsActedOnWithPrKey()
    {
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>("issue_comment", WebhookEnvelopeTests.IssueCommentBody(onPullRequest: true)));
        Assert.That((decision.Act, decision.Reason, decision.WorkKey), Is.EqualTo((true, "issue_comment created is acted on", "1/Codertocat/Hello-World#7")));
    }

    [Test]
    public void Classify_CommentOnPlainIssue_IsIgnored()
    {
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>("issue_comment", WebhookEnvelopeTests.IssueCommentBody(onPullRequest: false)));
        Assert.That((decision.Act, decision.Reason, decision.PullRequestNumber), Is.EqualTo((false, "issue_comment created is on issue #7, not a pull request", (int?)null)));
    }

    [Test]
    public void Classify_MergeGroupDestroyed_DerivedFixture_IsIgnored()
    {
        // Derived: no destroyed example exists; GitHub sends the same group with action destroyed and a reason.
        var body = Derive("merge_group", "checks_requested.json", root =>
        {
            root["action"] = "destroyed";
            root["reason"] = "merged";
        });
        var decision = WebhookRouting.Classify(Parse<WebhookEvent>("merge_group", body));
        Assert.That((decision.Act, decision.Reason), Is.EqualTo((false, "merge_group action destroyed is not acted on")));
    }

    [Test]
    public void ActedOn_ListsExactlyTheAgreedPairs()
    {
        var pairs = WebhookRouting.ActedOn.SelectMany(kv => kv.Value is null ? [$"{kv.Key}:*"] : kv.Value.Select(a => $"{kv.Key}:{a}"));
        Assert.That(pairs, Is.EquivalentTo(new[]
        {
            "pull_request:opened", "pull_request:reopened", "pull_request:synchronize", "pull_request:edited",
            "pull_request:ready_for_review", "pull_request:converted_to_draft", "pull_request:closed",
            "pull_request_review:submitted", "pull_request_review:edited", "pull_request_review:dismissed",
            "check_run:rerequested", "check_suite:requested", "check_suite:rerequested",
            "installation:created", "installation:deleted", "installation:suspend", "installation:unsuspend",
            "installation_repositories:added", "push:*", "issue_comment:created", "issue_comment:edited",
            "merge_group:checks_requested",
        }));
    }
}
