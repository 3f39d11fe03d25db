using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Overrides;
using Bot.Core.Policy;
using Bot.Serve.Evaluation;

namespace Bot.Tests.Host;

/// <summary>The evidence record's JSON columns are hashed into the chain: a store written by an earlier version must still
/// verify and export the same, so these bytes are pinned for a decision that uses every part of the model (escaped and
/// non-ASCII text, a sensitive-approver assessment, an override, every outcome and declaration kind).</summary>
public sealed class DecisionRecordBytesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 30, 0, TimeSpan.FromHours(2));

    private static Decision Representative(Conclusion conclusion) => new(
        conclusion,
        "Overridden by @zoë \"quoted\" <b>",
        InScope: true,
        AiAssisted: true,
        DeclaredTools: ["Cursor 0.45", "Claude <Code> & ü"],
        Contributors: [new Contributor(1, "alice", "author"), new Contributor(2, "zoë", "committer")],
        Approvals:
        [
            new ApprovalAssessment(7001, 3, "bob", "APPROVED", "abc123", At, true, "approves the head"),
            new ApprovalAssessment(7002, null, null, "APPROVED", null, null, false, "ghost user", new SensitiveApproval(false, "not listed")),
        ],
        RequiredApprovals: 1,
        QualifyingApprovals: 1,
        Rules:
        [
            new RuleResult("trailer", RuleOutcome.Pass, "every commit declares", []),
            new RuleResult("approval", RuleOutcome.Fail, "needs \"one\" approval", ["src/Ledger.cs", "tab\there"]),
            new RuleResult("checkbox", RuleOutcome.Pending, "draft", []),
        ],
        Commits:
        [
            new CommitDeclaration("abc123", "Rework ✓", false, DeclarationKind.Positive, ["Cursor 0.45"], ["Claude"], false),
            new CommitDeclaration("def456", "Merge", true, DeclarationKind.Invalid, ["maybe"], [], true),
            new CommitDeclaration("0a0b0c", "Fix", false, DeclarationKind.Missing, [], [], false),
            new CommitDeclaration("1a1b1c", "Docs", false, DeclarationKind.Negative, ["no"], [], false),
        ],
        PolicyError: null,
        new ApprovedOverride("abc123", 9, "carol", At, "hotfix \"now\"", ["approval"]));

    private static Bot.Evidence.Decisions.DecisionRecord Record(Decision decision) =>
        DecisionRecordFactory.Create(
            new EvaluationContext(PullRequestKey.Create(5, "octo/app", 12),
                new PullRequestInfo(12, "A change", new GitHubUser(1, "alice"), "body", false, "main", "abc123"),
                new ResolvedPolicy(PolicyDocument.Default, "octo/app:.github/ai-compliance.yml@main", new string('a', 64), null), "delivery-1"),
            decision, DecisionJson.Serialize(decision), 42, At);

    [Test]
    public void The_JSON_columns_of_a_decision_record_keep_their_bytes()
    {
        var record = Record(Representative(Conclusion.Success));

        Assert.Multiple(() =>
        {
            Assert.That(record.DecisionJson, Is.EqualTo(""""
                {"conclusion":"success","title":"Overridden by @zo\u00EB \u0022quoted\u0022 \u003Cb\u003E","inScope":true,"aiAssisted":true,"declaredTools":["Cursor 0.45","Claude \u003CCode\u003E \u0026 \u00FC"],"contributors":[{"id":1,"login":"alice","role":"author"},{"id":2,"login":"zo\u00EB","role":"committer"}],"approvals":[{"reviewId":7001,"userId":3,"login":"bob","state":"APPROVED","commitId":"abc123","submittedAt":"2026-03-01T10:30:00.0000000Z","qualifies":true,"reason":"approves the head"},{"reviewId":7002,"userId":null,"login":null,"state":"APPROVED","commitId":null,"submittedAt":null,"qualifies":false,"reason":"ghost user","sensitiveApprover":{"satisfies":false,"reason":"not listed"}}],"requiredApprovals":1,"qualifyingApprovals":1,"rules":[{"id":"trailer","outcome":"pass","message":"every commit declares","details":[]},{"id":"approval","outcome":"fail","message":"needs \u0022one\u0022 approval","details":["src/Ledger.cs","tab\there"]},{"id":"checkbox","outcome":"pending","message":"draft","details":[]}],"commits":[{"sha":"abc123","subject":"Rework \u2713","isMerge":false,"kind":"positive","aiAssistedValues":["Cursor 0.45"],"aiCoAuthors":["Claude"],"unattributed":false},{"sha":"def456","subject":"Merge","isMerge":true,"kind":"invalid","aiAssistedValues":["maybe"],"aiCoAuthors":[],"unattributed":true},{"sha":"0a0b0c","subject":"Fix","isMerge":false,"kind":"missing","aiAssistedValues":[],"aiCoAuthors":[],"unattributed":false},{"sha":"1a1b1c","subject":"Docs","isMerge":false,"kind":"negative","aiAssistedValues":["no"],"aiCoAuthors":[],"unattributed":false}],"policyError":null,"override":{"headSha":"abc123","approverId":9,"approverLogin":"carol","approvedAt":"2026-03-01T10:30:00.0000000Z","reason":"hotfix \u0022now\u0022","coveredRules":["approval"]}}
                """"), "DecisionJson");
            Assert.That(record.ToolsJson, Is.EqualTo(""""
                ["Cursor 0.45","Claude \u003CCode\u003E \u0026 \u00FC"]
                """"), "ToolsJson");
            Assert.That(record.ContributorsJson, Is.EqualTo(""""
                [{"id":1,"login":"alice","role":"author"},{"id":2,"login":"zo\u00EB","role":"committer"}]
                """"), "ContributorsJson");
            Assert.That(record.ApprovalsJson, Is.EqualTo(""""
                [{"reviewId":7001,"userId":3,"login":"bob","state":"APPROVED","commitId":"abc123","submittedAt":"2026-03-01T10:30:00.0000000Z","qualifies":true,"reason":"approves the head"},{"reviewId":7002,"userId":null,"login":null,"state":"APPROVED","commitId":null,"submittedAt":null,"qualifies":false,"reason":"ghost user","sensitiveApprover":{"satisfies":false,"reason":"not listed"}}]
                """"), "ApprovalsJson");
            Assert.That(record.RulesJson, Is.EqualTo(""""
                [{"id":"trailer","outcome":"pass","message":"every commit declares","details":[]},{"id":"approval","outcome":"fail","message":"needs \u0022one\u0022 approval","details":["src/Ledger.cs","tab\there"]},{"id":"checkbox","outcome":"pending","message":"draft","details":[]}]
                """"), "RulesJson");
            Assert.That(record.Conclusion, Is.EqualTo("success"));
            Assert.That(record.BodySha256, Is.EqualTo("230d8358dc8e8890b4c58deeb62912ee2f20357ae92a5cc861b98e68fe31acb5"), "BodySha256");
        });
    }

    [TestCase(Conclusion.Success, "success")]
    [TestCase(Conclusion.Failure, "failure")]
    [TestCase(Conclusion.Pending, "pending")]
    [TestCase(Conclusion.NotInScope, "notInScope")]
    public void Every_conclusion_is_recorded_as_the_word_its_decision_JSON_says(Conclusion conclusion, string word)
    {
        var record = Record(Representative(conclusion));

        Assert.That(record.Conclusion, Is.EqualTo(word));
        Assert.That(record.DecisionJson, Does.StartWith($"{{\"conclusion\":\"{word}\","));
    }
}
