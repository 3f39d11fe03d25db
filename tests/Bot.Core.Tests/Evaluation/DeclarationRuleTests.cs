using Bot.Core.Evaluation;
using Bot.Core.Model;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

public class DeclarationRuleTests
{
    [Test]
    public void Only_the_no_box_ticked_passes()
    {
        var rule = new PullRequestBuilder().WithBody(Description(no: true)).Evaluate().Rule(RuleIds.Declaration);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Pass));
    }

    [Test]
    public void Only_the_yes_box_ticked_passes()
    {
        var rule = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithCommit("Add cache\n\nAI-Assisted: Cursor").Evaluate().Rule(RuleIds.Declaration);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Pass));
    }

    [Test]
    public void No_box_ticked_fails_and_names_both_boxes()
    {
        var rule = new PullRequestBuilder().WithBody(Description()).Evaluate().Rule(RuleIds.Declaration);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Message, Does.StartWith("Tick one of the AI assistance boxes"));
        Assert.That(rule.Details, Is.EqualTo(new[] { $"- [ ] {YesBox}", $"- [ ] {NoBox}" }));
    }

    [Test]
    public void Both_boxes_ticked_fails()
    {
        var rule = new PullRequestBuilder().WithBody(Description(yes: true, no: true)).Evaluate().Rule(RuleIds.Declaration);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Message, Does.StartWith("Both AI assistance boxes are ticked"));
    }

    [TestCase(null)]
    [TestCase("Just a description, no template.")]
    public void A_description_without_the_template_fails_and_says_so(string? body)
    {
        var rule = new PullRequestBuilder().WithBody(body).Evaluate().Rule(RuleIds.Declaration);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Message, Does.Contain("has no AI assistance boxes"));
    }

    [Test]
    public void Configured_box_labels_are_used()
    {
        var rule = new PullRequestBuilder()
            .WithPolicy(p => p with { Template = p.Template with { AiNo = "Human only" } })
            .WithBody("- [x] Human only, promise")
            .Evaluate().Rule(RuleIds.Declaration);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Pass));
    }
}
