using Bot.Core.Evaluation;
using Bot.Core.Model;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

public class ApprovedToolsRuleTests
{
    private static RuleResult Evaluate(string[] approved, params string[] values)
    {
        var builder = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithPolicy(p => p with { ApprovedTools = approved });
        foreach (var value in values)
            builder.WithCommit($"Change\n\nAI-Assisted: {value}");
        return builder.Evaluate().Rule(RuleIds.ApprovedTools);
    }

    [Test]
    public void An_empty_list_allows_any_tool()
    {
        Assert.That(Evaluate([], "Totally Unknown Tool").Outcome, Is.EqualTo(RuleOutcome.Pass));
    }

    [TestCase("Cursor 0.45 / claude-3.7-sonnet")]
    [TestCase("cursor")]
    [TestCase("Claude Code 1.0.3")]
    public void A_value_matching_an_approved_glob_passes(string value)
    {
        Assert.That(Evaluate(["Cursor*", "Claude Code*"], value).Outcome, Is.EqualTo(RuleOutcome.Pass));
    }

    [Test]
    public void An_unapproved_value_fails_naming_it()
    {
        var rule = Evaluate(["Cursor*"], "Cursor 0.45", "Windsurf 1.2");

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Message, Is.EqualTo("Not an approved tool: \"Windsurf 1.2\" (approved: Cursor*)"));
        Assert.That(rule.Details, Is.EqualTo(new[] { $"{ShaOf(1)[..7]} Change — \"Windsurf 1.2\" is not an approved tool" }));
    }

    [Test]
    public void The_glob_covers_the_whole_value()
    {
        Assert.That(Evaluate(["Cursor*"], "My Cursor fork").Outcome, Is.EqualTo(RuleOutcome.Fail));
    }
}
