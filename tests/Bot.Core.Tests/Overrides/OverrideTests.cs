using NUnit.Framework;
using Bot.Core.Model;
using Bot.Core.Overrides;
using Bot.Core.Policy;
using Bot.Core.Rendering;
using Bot.Core.Tests.Evaluation;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;

namespace Bot.Core.Tests.Overrides;

public sealed class OverrideCommandTests
{
    [TestCase("/ai-compliance override Emergency fix for the outage", OverrideVerb.Override, "Emergency fix for the outage")]
    [TestCase("/ai-compliance override   spaced reason here  \nsecond line ignored", OverrideVerb.Override, "spaced reason here")]
    [TestCase("/ai-compliance revoke", OverrideVerb.Revoke, "")]
    [TestCase("  /ai-compliance revoke\r\n", OverrideVerb.Revoke, "")]
    [TestCase("/ai-compliance override", OverrideVerb.Override, "")]
    [TestCase("please /ai-compliance override not on the first position", OverrideVerb.None, "")]
    [TestCase("Looks good\n/ai-compliance override on the second line", OverrideVerb.None, "")]
    [TestCase("/ai-complianceoverride glued", OverrideVerb.None, "")]
    [TestCase("/ai-compliance approve everything", OverrideVerb.None, "")]
    [TestCase("", OverrideVerb.None, "")]
    public void Only_the_first_line_is_read_as_a_command(string comment, OverrideVerb verb, string reason)
    {
        var command = OverrideCommand.Parse(comment);

        Assert.That(command.Verb, Is.EqualTo(verb));
        Assert.That(command.Reason, Is.EqualTo(reason));
    }
}

public sealed class OverrideCheckTests
{
    private static readonly PolicyDocument WithApprovers = PolicyDocument.Default with
    {
        Overrides = new OverridesPolicy { Approvers = ["carol", "@octo/release-managers"] },
    };

    private static Decision FailingDecision() =>
        new PullRequestBuilder().WithBody(Description(yes: true, no: true, data: true)).WithCommit("Change\n\nAI-Assisted: Cursor").Evaluate();

    private static readonly OverrideCommand Good = OverrideCommand.Parse("/ai-compliance override Emergency fix approved by change board");

    [Test]
    public void A_listed_approver_who_is_not_a_contributor_may_override()
    {
        Assert.That(OverrideCheck.Refusal(Good, Carol, WithApprovers, FailingDecision(), memberOfApproverTeam: false), Is.Null);
    }

    [Test]
    public void A_member_of_a_listed_team_may_override()
    {
        Assert.That(OverrideCheck.Refusal(Good, Dave, WithApprovers, FailingDecision(), memberOfApproverTeam: true), Is.Null);
        Assert.That(OverrideCheck.ApproverTeams(WithApprovers), Is.EqualTo(new[] { ("octo", "release-managers") }));
    }

    [Test]
    public void A_contributor_is_refused_even_when_listed()
    {
        var policy = WithApprovers with { Overrides = new OverridesPolicy { Approvers = ["alice"] } };

        Assert.That(OverrideCheck.Refusal(Good, Alice, policy, FailingDecision(), false), Does.Contain("contributor"));
    }

    [Test]
    public void Someone_not_listed_is_refused()
    {
        Assert.That(OverrideCheck.Refusal(Good, Dave, WithApprovers, FailingDecision(), false), Does.Contain("not listed"));
    }

    [Test]
    public void A_bot_is_refused()
    {
        var policy = WithApprovers with { Overrides = new OverridesPolicy { Approvers = ["renovate[bot]"] } };

        Assert.That(OverrideCheck.Refusal(Good, RenovateBot, policy, FailingDecision(), false), Does.Contain("bot"));
    }

    [Test]
    public void A_reason_under_ten_characters_is_refused()
    {
        var shortReason = OverrideCommand.Parse("/ai-compliance override hotfix");

        Assert.That(OverrideCheck.Refusal(shortReason, Carol, WithApprovers, FailingDecision(), false), Does.Contain("at least 10"));
    }

    [Test]
    public void With_no_approvers_overrides_are_off()
    {
        Assert.That(OverrideCheck.Refusal(Good, Carol, PolicyDocument.Default, FailingDecision(), false), Does.Contain("off"));
    }

    [Test]
    public void Any_approver_may_revoke_without_a_reason()
    {
        var revoke = OverrideCommand.Parse("/ai-compliance revoke");

        Assert.That(OverrideCheck.Refusal(revoke, Carol, WithApprovers, FailingDecision(), false), Is.Null);
        Assert.That(OverrideCheck.Refusal(revoke, Dave, WithApprovers, FailingDecision(), false), Does.Contain("not listed"));
    }
}

public sealed class OverrideApplierTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void An_override_of_the_current_head_turns_a_failure_into_success_keeping_the_failed_rules()
    {
        var builder = new PullRequestBuilder().WithBody(Description(yes: true, no: true, data: true)).WithCommit("Change\n\nAI-Assisted: Cursor");
        var decision = builder.Evaluate();
        var approved = new ApprovedOverride(builder.HeadSha, 1003, "carol", At, "Emergency <b>fix</b> for [the](http://x) outage");

        var overridden = OverrideApplier.Apply(decision, builder.HeadSha, approved);

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Failure));
        Assert.That(overridden.Conclusion, Is.EqualTo(Conclusion.Success));
        Assert.That(overridden.Title, Is.EqualTo("Overridden by @carol"));
        Assert.That(overridden.Rule("declaration").Outcome, Is.EqualTo(RuleOutcome.Fail));
        var summary = CheckRunRenderer.Render(overridden).Summary;
        Assert.That(summary, Does.Contain("Approved exception"));
        Assert.That(summary, Does.Contain("declaration"));
        Assert.That(summary, Does.Not.Contain("<b>"), "the reason is escaped");
        Assert.That(summary, Does.Not.Contain("](http://x)"), "the reason cannot make a link");
    }

    [Test]
    public void An_override_of_another_head_changes_nothing()
    {
        var builder = new PullRequestBuilder().WithBody(Description(yes: true, no: true, data: true)).WithCommit("Change\n\nAI-Assisted: Cursor");
        var decision = builder.Evaluate();
        var stale = new ApprovedOverride(new string('9', 40), 1003, "carol", At, "Emergency fix for the outage");

        Assert.That(OverrideApplier.Apply(decision, builder.HeadSha, stale), Is.SameAs(decision));
    }

    [Test]
    public void A_decision_that_does_not_fail_is_left_as_it_is()
    {
        var builder = new PullRequestBuilder().Approved(Bob);
        var decision = builder.Evaluate();
        var approved = new ApprovedOverride(builder.HeadSha, 1003, "carol", At, "Emergency fix for the outage");

        Assert.That(OverrideApplier.Apply(decision, builder.HeadSha, approved), Is.SameAs(decision));
    }
}
