using System.Text;
using System.Text.Json.Nodes;
using Bot.GitHub.Webhooks;
using Bot.GitHub.Webhooks.Payloads;
using NUnit.Framework;
using static Bot.GitHub.Tests.Webhooks.WebhookFixtures;

namespace Bot.GitHub.Tests.Webhooks;

public class WebhookEnvelopeTests
{
    private const string OpenedHead = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    private const string OpenedBase = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

    private static readonly Dictionary<string, Type> ModelByEvent = new()
    {
        ["pull_request"] = typeof(PullRequestEvent),
        ["pull_request_review"] = typeof(PullRequestReviewEvent),
        ["push"] = typeof(PushEvent),
        ["check_run"] = typeof(CheckRunEvent),
        ["check_suite"] = typeof(CheckSuiteEvent),
        ["installation"] = typeof(InstallationEvent),
        ["installation_repositories"] = typeof(InstallationRepositoriesEvent),
        ["ping"] = typeof(PingEvent),
        ["merge_group"] = typeof(MergeGroupEvent),
    };

    [Test]
    public void Fixtures_AllTwentySixAreInTheOutputFolder()
    {
        Assert.That(All().Count(), Is.EqualTo(26));
        Assert.That(Directory.GetDirectories(Root).Select(Path.GetFileName), Is.EquivalentTo(ModelByEvent.Keys));
    }

    [TestCaseSource(typeof(WebhookFixtures), nameof(WebhookFixtures.All))]
    public void Parse_EveryFixture_YieldsTheEventsModel(string eventName, string file)
    {
        var result = WebhookEnvelope.Parse(eventName, Bytes(eventName, file));

        Assert.That(result, Is.TypeOf<WebhookParseResult.Parsed>(), () => result.ToString());
        var parsed = ((WebhookParseResult.Parsed)result).Event;
        Assert.That(parsed.GetType(), Is.EqualTo(ModelByEvent[eventName]));
        Assert.That(parsed.EventName, Is.EqualTo(eventName));
        Assert.That(parsed.Sender?.Login, Is.Not.Empty);
    }

    [Test]
    public void Parse_PullRequestOpened_ReadsTheFieldsTheBotNeeds()
    {
        var e = Parse<PullRequestEvent>("pull_request", "opened.payload.json");
        var pr = e.PullRequest;
        Assert.Multiple(() =>
        {
            Assert.That(e.Action, Is.EqualTo("opened"));
            Assert.That(e.Number, Is.EqualTo(2));
            Assert.That(e.Installation!.Id, Is.EqualTo(1));
            Assert.That(e.Installation.Account, Is.Null);
            Assert.That(e.Repository!.Id, Is.EqualTo(186853002));
            Assert.That(e.Repository.Name, Is.EqualTo("Hello-World"));
            Assert.That(e.Repository.FullName, Is.EqualTo("Codertocat/Hello-World"));
            Assert.That(e.Repository.Owner.Login, Is.EqualTo("Codertocat"));
            Assert.That(e.Repository.DefaultBranch, Is.EqualTo("master"));
            Assert.That(e.Sender!.Login, Is.EqualTo("Codertocat"));
            Assert.That(e.Sender.Id, Is.EqualTo(21031067));
            Assert.That(e.Sender.Type, Is.EqualTo("User"));
            Assert.That(pr.Number, Is.EqualTo(2));
            Assert.That(pr.Title, Is.EqualTo("Update the README with new information."));
            Assert.That(pr.State, Is.EqualTo("open"));
            Assert.That(pr.Draft, Is.False);
            Assert.That(pr.Merged, Is.False);
            Assert.That(pr.MergedAt, Is.Null);
            Assert.That(pr.MergeCommitSha, Is.Null);
            Assert.That(pr.MergedBy, Is.Null);
            Assert.That(pr.User.Login, Is.EqualTo("Codertocat"));
            Assert.That(pr.Head.Sha, Is.EqualTo(OpenedHead));
            Assert.That(pr.Head.Ref, Is.EqualTo("changes"));
            Assert.That(pr.Base.Ref, Is.EqualTo("master"));
            Assert.That(pr.Base.Sha, Is.EqualTo(OpenedBase));
            Assert.That(e.Before, Is.Null);
            Assert.That(e.After, Is.Null);
        });
    }

    [Test]
    public void Parse_PullRequestSynchronize_ReadsBeforeAndAfter()
    {
        var e = Parse<PullRequestEvent>("pull_request", "synchronize.payload.json");
        Assert.That((e.Before, e.After), Is.EqualTo((OpenedBase, OpenedHead)));
    }

    [Test]
    public void Parse_ConvertedToDraft_ReadsDraftTrue() =>
        Assert.That(Parse<PullRequestEvent>("pull_request", "converted_to_draft.with-installation.payload.json").PullRequest.Draft, Is.True);

    [Test]
    public void Parse_PullRequestClosedMerged_DerivedFromTheUnmergedFixture_ReadsMergeFields()
    {
        // No real merged example exists: this is a copy of closed.payload.json edited to look merged.
        var body = Derive("pull_request", "closed.payload.json", root =>
        {
            var pr = root["pull_request"]!.AsObject();
            pr["merged"] = true;
            pr["merged_at"] = "2019-05-15T15:21:18Z";
            pr["merge_commit_sha"] = "c4295bd74fb0f4d0ad9cbd6f0a2a1ddd3b82a5a0";
            pr["merged_by"] = new JsonObject { ["login"] = "Octocat", ["id"] = 583231, ["type"] = "User" };
        });

        var e = Parse<PullRequestEvent>("pull_request", body);
        Assert.Multiple(() =>
        {
            Assert.That(e.Action, Is.EqualTo("closed"));
            Assert.That(e.PullRequest.State, Is.EqualTo("closed"));
            Assert.That(e.PullRequest.Merged, Is.True);
            Assert.That(e.PullRequest.MergedAt, Is.EqualTo(new DateTimeOffset(2019, 5, 15, 15, 21, 18, TimeSpan.Zero)));
            Assert.That(e.PullRequest.MergeCommitSha, Is.EqualTo("c4295bd74fb0f4d0ad9cbd6f0a2a1ddd3b82a5a0"));
            Assert.That(e.PullRequest.MergedBy!.Login, Is.EqualTo("Octocat"));
        });
    }

    [Test]
    public void Parse_PullRequestClosed_RealFixtureIsNotMerged()
    {
        var pr = Parse<PullRequestEvent>("pull_request", "closed.payload.json").PullRequest;
        Assert.That((pr.State, pr.Merged, pr.MergedBy), Is.EqualTo(("closed", (bool?)false, (WebhookAccount?)null)));
    }

    [Test]
    public void Parse_ReviewSubmitted_ReadsReviewAndReducedPullRequest()
    {
        var e = Parse<PullRequestReviewEvent>("pull_request_review", "submitted.payload.json");
        Assert.Multiple(() =>
        {
            Assert.That(e.Action, Is.EqualTo("submitted"));
            Assert.That(e.Review.Id, Is.EqualTo(237895671));
            Assert.That(e.Review.User!.Login, Is.EqualTo("Codertocat"));
            Assert.That(e.Review.State, Is.EqualTo("commented"));
            Assert.That(e.Review.CommitId, Is.EqualTo(OpenedHead));
            Assert.That(e.Review.SubmittedAt, Is.EqualTo(new DateTimeOffset(2019, 5, 15, 15, 20, 38, TimeSpan.Zero)));
            Assert.That(e.PullRequest.Number, Is.EqualTo(2));
            Assert.That(e.PullRequest.Head.Sha, Is.EqualTo(OpenedHead));
            Assert.That(e.PullRequest.Base.Ref, Is.EqualTo("master"));
            Assert.That(e.Installation!.Id, Is.EqualTo(1));
        });
    }

    [Test]
    public void Parse_ReviewDismissed_ReadsLowercaseState() =>
        Assert.That(Parse<PullRequestReviewEvent>("pull_request_review", "dismissed.payload.json").Review.State, Is.EqualTo("dismissed"));

    [Test]
    public void Parse_PushWithNewBranch_ReadsRefsAndTheCommit()
    {
        var e = Parse<PushEvent>("push", "with-new-branch.payload.json");
        Assert.Multiple(() =>
        {
            Assert.That(e.Action, Is.Null);
            Assert.That(e.Ref, Is.EqualTo("refs/heads/master"));
            Assert.That(e.Before, Is.EqualTo(PushEvent.ZeroSha));
            Assert.That(e.After, Is.EqualTo("6113728f27ae82c7b1a177c8d03f9e96e0adf246"));
            Assert.That((e.Created, e.Deleted, e.Forced), Is.EqualTo((true, false, false)));
            Assert.That(e.BaseRef, Is.Null);
            Assert.That(e.Pusher.Name, Is.EqualTo("Codertocat"));
            Assert.That(e.Pusher.Email, Is.EqualTo("21031067+Codertocat@users.noreply.github.com"));
            Assert.That(e.Commits, Has.Count.EqualTo(1));
            var commit = e.Commits[0];
            Assert.That(commit.Id, Is.EqualTo("6113728f27ae82c7b1a177c8d03f9e96e0adf246"));
            Assert.That(commit.Message, Is.EqualTo("Initial commit"));
            Assert.That(commit.Timestamp, Is.EqualTo(new DateTimeOffset(2019, 5, 15, 15, 19, 25, TimeSpan.Zero)));
            Assert.That(commit.Author.Name, Is.EqualTo("Codertocat"));
            Assert.That(commit.Author.Username, Is.EqualTo("Codertocat"));
            Assert.That(commit.Committer.Email, Is.EqualTo("21031067+Codertocat@users.noreply.github.com"));
            Assert.That(commit.Distinct, Is.True);
            Assert.That(e.HeadCommit!.Id, Is.EqualTo(commit.Id));
            Assert.That(e.Installation!.Id, Is.EqualTo(1));
        });
    }

    [Test]
    public void Parse_PushTagDeletion_HasNoCommitsAndNoHeadCommit()
    {
        var e = Parse<PushEvent>("push", "with-installation.payload.json");
        Assert.Multiple(() =>
        {
            Assert.That(e.Ref, Is.EqualTo("refs/tags/simple-tag"));
            Assert.That(e.Deleted, Is.True);
            Assert.That(e.After, Is.EqualTo(PushEvent.ZeroSha));
            Assert.That(e.Commits, Is.Empty);
            Assert.That(e.HeadCommit, Is.Null);
        });
    }

    [Test]
    public void Parse_PushCommitWithoutUsername_DerivedFixture_LeavesUsernameNull()
    {
        // Derived: commit author/committer without a matching GitHub account carry no "username".
        var body = Derive("push", "with-new-branch.payload.json", root =>
            root["commits"]![0]!["committer"]!.AsObject().Remove("username"));
        Assert.That(Parse<PushEvent>("push", body).Commits[0].Committer.Username, Is.Null);
    }

    [Test]
    public void Parse_InstallationCreated_ReadsAccountAndRepositories()
    {
        var e = Parse<InstallationEvent>("installation", "created.payload.json");
        Assert.Multiple(() =>
        {
            Assert.That(e.Action, Is.EqualTo("created"));
            Assert.That(e.Installation!.Id, Is.EqualTo(957387));
            Assert.That(e.Installation.Account!.Login, Is.EqualTo("Codertocat"));
            Assert.That(e.Repositories!.Select(r => r.FullName), Is.EqualTo(new[] { "Codertocat/Hello-World" }));
            Assert.That(e.Repository, Is.Null);
        });
    }

    [Test]
    public void Parse_InstallationSuspend_HasNoRepositoryList() =>
        Assert.That(Parse<InstallationEvent>("installation", "suspend.payload.json").Repositories, Is.Null);

    [Test]
    public void Parse_InstallationRepositoriesAdded_ReadsAddedAndRemoved()
    {
        var e = Parse<InstallationRepositoriesEvent>("installation_repositories", "added.payload.json");
        Assert.That(e.RepositoriesAdded.Select(r => r.FullName), Is.EqualTo(new[] { "Codertocat/Space" }));
        Assert.That(e.RepositoriesRemoved, Is.Empty);
        Assert.That(e.RepositorySelection, Is.EqualTo("selected"));
    }

    [Test]
    public void Parse_CheckRunRerequested_ReadsTheRun()
    {
        var e = Parse<CheckRunEvent>("check_run", "rerequested.payload.json");
        Assert.Multiple(() =>
        {
            Assert.That(e.Action, Is.EqualTo("rerequested"));
            Assert.That(e.CheckRun.Id, Is.EqualTo(4));
            Assert.That(e.CheckRun.Name, Is.EqualTo("randscape"));
            Assert.That(e.CheckRun.HeadSha, Is.EqualTo("d6fde92930d4715a2b49857d24b940956b26d2d3"));
            Assert.That(e.CheckRun.ExternalId, Is.Empty);
            Assert.That(e.CheckRun.App!.Id, Is.EqualTo(2));
            Assert.That(e.CheckRun.PullRequests, Is.Empty);
            Assert.That(e.Installation!.Id, Is.EqualTo(1));
            Assert.That(e.Repository!.FullName, Is.EqualTo("github/hello-world"));
        });
    }

    [Test]
    public void Parse_CheckSuiteRequested_ReadsTheSuite()
    {
        var e = Parse<CheckSuiteEvent>("check_suite", "requested.payload.json");
        Assert.Multiple(() =>
        {
            Assert.That(e.Action, Is.EqualTo("requested"));
            Assert.That(e.CheckSuite.Id, Is.EqualTo(118578174));
            Assert.That(e.CheckSuite.HeadSha, Is.EqualTo(OpenedBase));
            Assert.That(e.CheckSuite.App!.Id, Is.EqualTo(29310));
            Assert.That(e.CheckSuite.PullRequests, Is.Empty);
            Assert.That(e.Installation!.Id, Is.EqualTo(957387));
            Assert.That(e.Repository!.FullName, Is.EqualTo("Codertocat/Hello-World"));
        });
    }

    [Test]
    public void Parse_CheckSuiteRerequested_ReadsLinkedPullRequest() =>
        Assert.That(
            Parse<CheckSuiteEvent>("check_suite", "rerequested.payload.json").CheckSuite.PullRequests.Select(p => p.Number),
            Is.EqualTo(new[] { 2 }));

    [Test]
    public void Parse_Ping_ReadsHookAndAppId()
    {
        var e = Parse<PingEvent>("ping", "with-app_id.payload.json");
        Assert.That((e.HookId, e.Hook!.AppId, e.Installation), Is.EqualTo((109948940L, (long?)29310, (WebhookInstallation?)null)));
        Assert.That(e.Zen, Is.EqualTo("Anything added dilutes everything else."));
    }

    [Test]
    public void Parse_MergeGroupChecksRequested_ReadsTheGroupAndThePullRequestItIsNamedAfter()
    {
        var e = Parse<MergeGroupEvent>("merge_group", "checks_requested.json");
        var group = e.MergeGroup;
        Assert.Multiple(() =>
        {
            Assert.That(e.Action, Is.EqualTo("checks_requested"));
            Assert.That(e.Installation!.Id, Is.EqualTo(1));
            Assert.That(e.Repository!.FullName, Is.EqualTo("octo-org/octo-repo"));
            Assert.That(group.HeadSha, Is.EqualTo("2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d"));
            Assert.That(group.BaseSha, Is.EqualTo("380387fbc80638b734a49e1be1c4dfec1c01b33c"));
            Assert.That(group.CompareBase, Is.EqualTo(group.BaseSha));
            Assert.That(group.BaseBranch, Is.EqualTo("main"));
            Assert.That(group.NamedPullRequest, Is.EqualTo(((int, string)?)(104, "929f8209d40f77f4abc622a499c93a83babdbe64")));
        });
    }

    [TestCase("refs/heads/gh-readonly-queue/release/2.0/pr-7-929F8209D40F77F4ABC622A499C93A83BABDBE64", 7, "929f8209d40f77f4abc622a499c93a83babdbe64",
        TestName = "MergeGroup_HeadRef_BaseBranchWithSlash_NamesThePullRequest")]
    [TestCase("refs/heads/gh-readonly-queue/main/pr-7-929f82", null, null, TestName = "MergeGroup_HeadRef_ShortSha_NamesNothing")]
    [TestCase("refs/heads/feature/pr-7-929f8209d40f77f4abc622a499c93a83babdbe64", null, null, TestName = "MergeGroup_HeadRef_NotAQueueRef_NamesNothing")]
    public void MergeGroup_HeadRef_NamesThePullRequestOnlyInGitHubsShape(string headRef, int? number, string? sha)
    {
        var group = new WebhookMergeGroup { HeadSha = "h", HeadRef = headRef, BaseRef = "refs/heads/main" };
        Assert.That(group.NamedPullRequest, Is.EqualTo(number is { } n ? (n, sha!) : ((int, string)?)null));
    }

    [Test]
    public void Parse_MergeGroupWithoutBaseSha_DerivedFixture_ComparesFromTheBaseBranch()
    {
        // Derived: older payloads (as octokit's first example of this event) carry no base_sha.
        var e = Parse<MergeGroupEvent>("merge_group", Derive("merge_group", "checks_requested.json", root => root["merge_group"]!.AsObject().Remove("base_sha")));
        Assert.That((e.MergeGroup.BaseSha, e.MergeGroup.CompareBase), Is.EqualTo(((string?)null, "main")));
    }

    [Test]
    public void Parse_IssueCommentOnPullRequest_HandWritten_ReadsCommentAndPrFlag()
    {
        // No issue_comment fixture exists: the body is hand-written in GitHub's shape (see IssueCommentBody).
        var e = Parse<IssueCommentEvent>("issue_comment", IssueCommentBody(onPullRequest: true));
        Assert.Multiple(() =>
        {
            Assert.That(e.Comment.Id, Is.EqualTo(9001));
            Assert.That(e.Comment.Body, Is.EqualTo("/recheck"));
            Assert.That(e.Comment.User.Login, Is.EqualTo("octocat"));
            Assert.That(e.Comment.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            Assert.That(e.Issue.Number, Is.EqualTo(7));
            Assert.That(e.Issue.IsPullRequest, Is.True);
        });
    }

    [Test]
    public void Parse_IssueCommentOnPlainIssue_IsNotAPullRequest() =>
        Assert.That(Parse<IssueCommentEvent>("issue_comment", IssueCommentBody(onPullRequest: false)).Issue.IsPullRequest, Is.False);

    [Test]
    public void Parse_UnknownEvent_KeepsHeaderNameAndCommonFields()
    {
        var e = Parse<UnhandledEvent>("star", Bytes("pull_request", "opened.payload.json"));
        Assert.That((e.EventName, e.Action, e.Installation!.Id), Is.EqualTo(("star", "opened", 1L)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Parse_MissingEventName_IsRejected(string? eventName) =>
        Assert.That(
            WebhookEnvelope.Parse(eventName, Bytes("ping", "with-app_id.payload.json")),
            Is.EqualTo(new WebhookParseResult.Failed(WebhookParseError.MissingEventName, "The X-GitHub-Event header is missing or empty.")));

    [Test]
    public void Parse_TruncatedFixture_IsNotJson()
    {
        var whole = Bytes("pull_request", "opened.payload.json");
        var failure = ParseFailure("pull_request", whole[..(whole.Length / 2)]);
        Assert.That(failure.Error, Is.EqualTo(WebhookParseError.NotJson));
        Assert.That(failure.Message, Does.StartWith("The pull_request body is not valid JSON"));
    }

    [TestCase("hello", TestName = "Parse_PlainText_IsNotJson")]
    [TestCase("{\"action\":\"opened\",}", TestName = "Parse_TrailingComma_IsNotJson")]
    [TestCase("{\"action\":\"opened\"} {}", TestName = "Parse_TwoTopLevelValues_IsNotJson")]
    [TestCase("{/* c */\"action\":\"opened\"}", TestName = "Parse_Comment_IsNotJson")]
    public void Parse_MalformedJson_IsNotJson(string body) =>
        Assert.That(ParseFailure("pull_request", Encoding.UTF8.GetBytes(body)).Error, Is.EqualTo(WebhookParseError.NotJson));

    [TestCase("zen", TestName = "Parse_InvalidUtf8InModelledString_IsNotJson")]
    [TestCase("unmodelled", TestName = "Parse_InvalidUtf8InSkippedMember_IsNotJson")]
    public void Parse_InvalidUtf8_IsNotJson(string member)
    {
        byte[] body = [.. Encoding.UTF8.GetBytes($"{{\"zen\":\"z\",\"hook_id\":1,\"{member}\":\""), 0xC3, 0x28, .. "\"}"u8];
        var failure = ParseFailure("ping", body);
        Assert.That((failure.Error, failure.Message), Is.EqualTo((WebhookParseError.NotJson, "The ping body is not valid UTF-8.")));
    }

    [TestCase("[", TestName = "Parse_TenThousandNestedArrays_IsTooDeep")]
    [TestCase("{\"a\":", TestName = "Parse_TenThousandNestedObjects_IsTooDeep")]
    public void Parse_HostileNesting_IsRejectedCleanly(string opener)
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(opener, 10_000)));
        var failure = ParseFailure("pull_request", body);
        Assert.That(failure.Error, Is.EqualTo(WebhookParseError.TooDeep));
        Assert.That(failure.Message, Does.Contain("deeper than 64 levels"));
    }

    [TestCase(63, true, TestName = "Parse_UnknownMemberNested64LevelsInAll_IsAccepted")]
    [TestCase(64, false, TestName = "Parse_UnknownMemberNested65LevelsInAll_IsTooDeep")]
    public void Parse_DepthLimit_IsTheSameForSyntaxCheckAndDeserializer(int nestedArrays, bool accepted)
    {
        // A real payload with one extra unknown member: the root object is level 1, the arrays add the rest.
        var opened = Encoding.UTF8.GetString(Bytes("pull_request", "opened.payload.json")).TrimStart();
        var extra = $"{{\"deep\":{new string('[', nestedArrays)}{new string(']', nestedArrays)},";
        var body = Encoding.UTF8.GetBytes(extra + opened[1..]);

        var result = WebhookEnvelope.Parse("pull_request", body);
        if (accepted)
        {
            Assert.That(result, Is.TypeOf<WebhookParseResult.Parsed>(), () => result.ToString());
        }
        else
        {
            Assert.That(result, Is.TypeOf<WebhookParseResult.Failed>().With.Property("Error").EqualTo(WebhookParseError.TooDeep));
        }
    }

    [TestCase("[]", TestName = "Parse_TopLevelArray_IsWrongShape")]
    [TestCase("null", TestName = "Parse_TopLevelNull_IsWrongShape")]
    [TestCase("42", TestName = "Parse_TopLevelNumber_IsWrongShape")]
    [TestCase("{}", TestName = "Parse_EmptyObject_IsWrongShape")]
    public void Parse_ValidJsonThatIsNoPullRequestPayload_IsWrongShape(string body) =>
        Assert.That(ParseFailure("pull_request", Encoding.UTF8.GetBytes(body)).Error, Is.EqualTo(WebhookParseError.WrongShape));

    [Test]
    public void Parse_PullRequestObjectMissing_NamesTheMissingProperty()
    {
        var body = Derive("pull_request", "opened.payload.json", root => root.Remove("pull_request"));
        var failure = ParseFailure("pull_request", body);
        Assert.That(failure.Error, Is.EqualTo(WebhookParseError.WrongShape));
        Assert.That(failure.Message, Does.Contain("pull_request"));
    }

    [Test]
    public void Parse_NumberAsString_IsWrongShape()
    {
        var body = Derive("pull_request", "opened.payload.json", root => root["number"] = "2");
        var failure = ParseFailure("pull_request", body);
        Assert.That(failure.Error, Is.EqualTo(WebhookParseError.WrongShape));
        Assert.That(failure.Message, Does.Contain("$.number"));
    }

    [Test]
    public void Parse_NullHeadSha_IsWrongShape()
    {
        var body = Derive("pull_request", "opened.payload.json", root => root["pull_request"]!["head"]!["sha"] = null);
        Assert.That(ParseFailure("pull_request", body).Error, Is.EqualTo(WebhookParseError.WrongShape));
    }

    [Test]
    public void Parse_DuplicateActionKey_IsWrongShape()
    {
        // Two "action" values would let a reader pick either; refuse instead of guessing.
        var opened = Bytes("pull_request", "opened.payload.json");
        var body = Encoding.UTF8.GetBytes("{\"action\":\"closed\"," + Encoding.UTF8.GetString(opened).TrimStart()[1..]);
        Assert.That(ParseFailure("pull_request", body).Error, Is.EqualTo(WebhookParseError.WrongShape));
    }

    [Test]
    public void Parse_WrongEventHeaderForBody_IsWrongShape() =>
        Assert.That(ParseFailure("push", Bytes("pull_request", "opened.payload.json")).Error, Is.EqualTo(WebhookParseError.WrongShape));

    internal static byte[] IssueCommentBody(bool onPullRequest)
    {
        var issue = new JsonObject { ["number"] = 7, ["title"] = "Fix it" };
        if (onPullRequest)
        {
            issue["pull_request"] = new JsonObject { ["url"] = "https://api.github.com/repos/Codertocat/Hello-World/pulls/7" };
        }

        var root = new JsonObject
        {
            ["action"] = "created",
            ["issue"] = issue,
            ["comment"] = new JsonObject
            {
                ["id"] = 9001,
                ["body"] = "/recheck",
                ["user"] = new JsonObject { ["login"] = "octocat", ["id"] = 583231, ["type"] = "User" },
                ["created_at"] = "2026-01-02T03:04:05Z",
            },
            ["repository"] = JsonNode.Parse(Bytes("pull_request", "opened.payload.json"))!["repository"]!.DeepClone(),
            ["sender"] = new JsonObject { ["login"] = "octocat", ["id"] = 583231, ["type"] = "User" },
            ["installation"] = new JsonObject { ["id"] = 1 },
        };
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
