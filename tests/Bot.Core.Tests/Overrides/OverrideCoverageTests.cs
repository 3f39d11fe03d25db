using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Overrides;
using Bot.Core.Rendering;
using Bot.Core.Tests.Evaluation;
using NUnit.Framework;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;

namespace Bot.Core.Tests.Overrides;

/// <summary>policy.md §7: an override covers the rules that were failing when it was granted, and no other.</summary>
public sealed class OverrideCoverageTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 2, 10, 0, 0, TimeSpan.Zero);

    // Both boxes ticked: declaration fails. The data box is ticked, so attestations pass.
    private static PullRequestBuilder Contradictory(bool data = true) =>
        new PullRequestBuilder().WithBody(Description(yes: true, no: true, data: data)).WithCommit("Change\n\nAI-Assisted: Cursor");

    private static ApprovedOverride Covering(PullRequestBuilder builder, params string[] rules) =>
        new(builder.HeadSha, Carol.Id, Carol.Login, At, "Emergency fix for the outage", rules);

    [Test]
    public void A_rule_failing_now_that_was_not_failing_when_granted_fails_the_check_and_is_named()
    {
        var edited = Contradictory(data: false); // the body was edited after the override: the attestation is gone too
        var decision = edited.Evaluate();

        var applied = OverrideApplier.Apply(decision, edited.HeadSha, Covering(edited, RuleIds.Declaration));

        Assert.That(applied.Conclusion, Is.EqualTo(Conclusion.Failure));
        Assert.That(applied.Title, Is.EqualTo("Override by @carol does not cover: attestations"));
        Assert.That(applied.Override, Is.Not.Null, "the decision says which exception was in force");
        var summary = CheckRunRenderer.Render(applied).Summary.Replace("\\", "", StringComparison.Ordinal);
        Assert.That(summary, Does.Contain("covering the rules failing then: declaration"));
        Assert.That(summary, Does.Contain("Failing now and not covered: attestations"));
    }

    [Test]
    public void Fewer_failing_rules_than_when_granted_stay_covered()
    {
        var builder = Contradictory();

        var applied = OverrideApplier.Apply(builder.Evaluate(), builder.HeadSha, Covering(builder, RuleIds.Declaration, RuleIds.Attestations));

        Assert.That(applied.Conclusion, Is.EqualTo(Conclusion.Success));
    }

    [Test]
    public void An_override_that_names_no_rules_covers_every_rule()
    {
        var builder = Contradictory(data: false);
        var legacy = new ApprovedOverride(builder.HeadSha, Carol.Id, Carol.Login, At, "Emergency fix for the outage");

        Assert.That(OverrideApplier.Apply(builder.Evaluate(), builder.HeadSha, legacy).Conclusion, Is.EqualTo(Conclusion.Success));
    }

    [Test]
    public void A_policy_that_cannot_be_read_is_never_overridden()
    {
        var builder = Contradictory();
        var invalid = Evaluator.PolicyInvalid("line 3: unknown key");

        var applied = OverrideApplier.Apply(invalid, builder.HeadSha, Covering(builder, RuleIds.Declaration));

        Assert.That(applied, Is.SameAs(invalid));
    }
}
