using Bot.Core.Evaluation;
using Bot.Core.Model;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

public class TrailersRuleTests
{
    [Test]
    public void Yes_with_a_positive_trailer_on_one_commit_passes()
    {
        var decision = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithCommit("Add cache\n\nAI-Assisted: Cursor 0.45 / claude-3.7-sonnet")
            .WithCommit("Tidy up")
            .Evaluate();

        Assert.That(decision.Rule(RuleIds.Trailers).Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(decision.DeclaredTools, Is.EqualTo(new[] { "Cursor 0.45 / claude-3.7-sonnet" }));
        Assert.That(decision.Commits[0].Kind, Is.EqualTo(DeclarationKind.Positive));
        Assert.That(decision.Commits[1].Kind, Is.EqualTo(DeclarationKind.Missing));
    }

    [Test]
    public void Yes_without_any_positive_trailer_fails_naming_the_commits()
    {
        var rule = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithCommit("Add cache\n\nAI-Assisted: no")
            .Evaluate().Rule(RuleIds.Trailers);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Message, Does.Contain("declares AI-assisted code but no commit"));
        Assert.That(rule.Details, Is.EqualTo(new[] { $"{ShaOf(0)[..7]} Add cache — no AI-Assisted trailer naming a tool" }));
    }

    [Test]
    public void No_with_a_positive_trailer_fails_naming_the_commit_and_value()
    {
        var rule = new PullRequestBuilder().WithBody(Description(no: true))
            .WithCommit("Plain change")
            .WithCommit("Add cache\n\nAI-Assisted: Claude Code")
            .Evaluate().Rule(RuleIds.Trailers);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Message, Does.Contain("declares no AI-assisted code but 1 commit declares AI assistance"));
        Assert.That(rule.Details, Is.EqualTo(new[] { $"{ShaOf(1)[..7]} Add cache — AI-Assisted: Claude Code" }));
    }

    [Test]
    public void An_empty_trailer_fails_whatever_the_description_says()
    {
        var decision = new PullRequestBuilder().WithBody(Description(no: true))
            .WithCommit("Add cache\n\nAI-Assisted:")
            .Evaluate();
        var rule = decision.Rule(RuleIds.Trailers);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Message, Does.StartWith("1 commit with an empty AI-Assisted trailer"));
        Assert.That(decision.Commits[0].Kind, Is.EqualTo(DeclarationKind.Invalid));
    }

    [TestCase("no")]
    [TestCase("None")]
    [TestCase("FALSE")]
    [TestCase("n/a")]
    public void Negative_values_are_not_declarations_of_a_tool(string value)
    {
        var decision = new PullRequestBuilder().WithBody(Description(no: true))
            .WithCommit($"Fix\n\nAI-Assisted: {value}")
            .Evaluate();

        Assert.That(decision.Rule(RuleIds.Trailers).Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(decision.Commits[0].Kind, Is.EqualTo(DeclarationKind.Negative));
        Assert.That(decision.AiAssisted, Is.False);
    }

    [Test]
    public void The_trailer_key_compares_case_insensitively_and_is_configurable()
    {
        var decision = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithPolicy(p => p with { Trailer = p.Trailer with { Key = "Generated-With" } })
            .WithCommit("Add cache\n\ngenerated-with: Aider 0.80")
            .Evaluate();

        Assert.That(decision.Rule(RuleIds.Trailers).Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(decision.DeclaredTools, Is.EqualTo(new[] { "Aider 0.80" }));
    }

    [Test]
    public void Require_on_every_commit_fails_for_a_commit_without_the_trailer()
    {
        var rule = new PullRequestBuilder().WithBody(Description(no: true))
            .WithPolicy(p => p with { Trailer = p.Trailer with { RequireOnEveryCommit = true } })
            .WithCommit("First\n\nAI-Assisted: no")
            .WithCommit("Second")
            .Evaluate().Rule(RuleIds.Trailers);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Message, Does.Contain("without an AI-Assisted trailer (require_on_every_commit)"));
        Assert.That(rule.Details, Is.EqualTo(new[] { $"{ShaOf(1)[..7]} Second — no AI-Assisted trailer" }));
    }

    [Test]
    public void Merge_commits_are_skipped_by_the_trailer_rules()
    {
        var decision = new PullRequestBuilder().WithBody(Description(no: true))
            .WithPolicy(p => p with { Trailer = p.Trailer with { RequireOnEveryCommit = true } })
            .WithCommit("First\n\nAI-Assisted: no")
            .WithCommit("Merge branch 'main'\n\nAI-Assisted: Copilot\nCo-authored-by: Claude <noreply@anthropic.com>", parents: 2)
            .Evaluate();

        Assert.That(decision.Rule(RuleIds.Trailers).Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(decision.Rule(RuleIds.UndeclaredAi).Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(decision.AiAssisted, Is.False);
        Assert.That(decision.DeclaredTools, Is.Empty);
        Assert.That(decision.Commits[1].IsMerge, Is.True);
    }
}
