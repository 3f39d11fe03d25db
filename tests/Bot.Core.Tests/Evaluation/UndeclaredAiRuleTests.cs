using Bot.Core.Evaluation;
using Bot.Core.Model;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

public class UndeclaredAiRuleTests
{
    [Test]
    public void An_ai_co_author_without_a_positive_trailer_fails_naming_commit_and_co_author()
    {
        var decision = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithCommit("Declared\n\nAI-Assisted: Claude Code")
            .WithCommit("Undeclared\n\nCo-authored-by: Claude <noreply@anthropic.com>")
            .Evaluate();
        var rule = decision.Rule(RuleIds.UndeclaredAi);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Details, Is.EqualTo(new[] { $"{ShaOf(1)[..7]} Undeclared — Co-authored-by: Claude <noreply@anthropic.com>" }));
        Assert.That(decision.Commits[1].AiCoAuthors, Is.EqualTo(new[] { "Claude <noreply@anthropic.com>" }));
    }

    [Test]
    public void An_ai_co_author_with_a_positive_trailer_passes()
    {
        var rule = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithCommit("Declared\n\nAI-Assisted: Claude Code\nCo-authored-by: Claude <noreply@anthropic.com>")
            .Evaluate().Rule(RuleIds.UndeclaredAi);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Pass));
    }

    [Test]
    public void A_negative_trailer_does_not_declare_an_ai_co_author()
    {
        var rule = new PullRequestBuilder()
            .WithCommit("Claimed human\n\nAI-Assisted: no\nCo-authored-by: GitHub Copilot <copilot@github.com>")
            .Evaluate().Rule(RuleIds.UndeclaredAi);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
    }

    [TestCase("GITHUB COPILOT <175728472+Copilot@users.noreply.github.com>")]
    [TestCase("Helper <bot@anthropic.com>")]
    [TestCase("aider (openrouter/anthropic/claude) <aider@aider.chat>")]
    public void Known_agents_match_name_or_email_case_insensitively(string coAuthor)
    {
        var decision = new PullRequestBuilder().WithCommit($"Change\n\nCo-authored-by: {coAuthor}").Evaluate();

        Assert.That(decision.Rule(RuleIds.UndeclaredAi).Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(decision.AiAssisted, Is.True, "an AI-detected commit makes the change AI-assisted");
    }

    [Test]
    public void A_human_co_author_is_not_ai()
    {
        var decision = new PullRequestBuilder().WithCommit("Change\n\nCo-authored-by: Jane Doe <jane@example.com>").Evaluate();

        Assert.That(decision.Rule(RuleIds.UndeclaredAi).Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(decision.AiAssisted, Is.False);
    }

    [Test]
    public void A_configured_agent_list_replaces_the_default()
    {
        var builder = new PullRequestBuilder().WithPolicy(p => p with { KnownAgents = ["in-house-llm"] })
            .WithCommit("A\n\nCo-authored-by: Claude <noreply@anthropic.com>")
            .WithCommit("B\n\nCo-authored-by: Helper <in-house-llm@corp.example>");

        var rule = builder.Evaluate().Rule(RuleIds.UndeclaredAi);

        Assert.That(rule.Details, Has.Count.EqualTo(1));
        Assert.That(rule.Details[0], Does.Contain("in-house-llm@corp.example"));
    }
}
