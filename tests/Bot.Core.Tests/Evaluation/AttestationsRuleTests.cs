using Bot.Core.Evaluation;
using Bot.Core.Model;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

public class AttestationsRuleTests
{
    [Test]
    public void An_ai_assisted_change_without_the_data_handling_box_fails_naming_it()
    {
        var rule = new PullRequestBuilder().WithBody(Description(yes: true))
            .WithCommit("Add\n\nAI-Assisted: Cursor")
            .Evaluate().Rule(RuleIds.Attestations);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Details, Is.EqualTo(new[] { "- [ ] No secrets, credentials or customer data were entered into AI tools" }));
    }

    [Test]
    public void An_ai_assisted_change_with_the_data_handling_box_passes()
    {
        var rule = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithCommit("Add\n\nAI-Assisted: Cursor")
            .Evaluate().Rule(RuleIds.Attestations);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Pass));
    }

    [Test]
    public void A_change_that_is_not_ai_assisted_needs_no_data_handling_box()
    {
        var rule = new PullRequestBuilder().WithBody(Description(no: true)).Evaluate().Rule(RuleIds.Attestations);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(rule.Message, Is.EqualTo("No checkbox is required for this change"));
    }

    [Test]
    public void A_change_detected_as_ai_assisted_needs_the_box_even_when_the_description_says_no()
    {
        var rule = new PullRequestBuilder().WithBody(Description(no: true))
            .WithCommit("Add\n\nCo-authored-by: Claude <noreply@anthropic.com>")
            .Evaluate().Rule(RuleIds.Attestations);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
    }

    [Test]
    public void Required_always_boxes_apply_to_every_change()
    {
        var builder = new PullRequestBuilder()
            .WithPolicy(p => p with { Template = p.Template with { RequiredAlways = ["I ran the tests"] } });

        var missing = builder.WithBody(Description(no: true)).Evaluate().Rule(RuleIds.Attestations);
        var ticked = builder.WithBody(Description(no: true) + "- [x] I ran the tests locally\n").Evaluate().Rule(RuleIds.Attestations);

        Assert.That(missing.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(missing.Details, Is.EqualTo(new[] { "- [ ] I ran the tests" }));
        Assert.That(ticked.Outcome, Is.EqualTo(RuleOutcome.Pass));
    }
}
