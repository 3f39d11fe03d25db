using Bot.Core.Evaluation;
using Bot.Core.Model;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

public class ConclusionTests
{
    [Test]
    public void All_rules_passing_is_success()
    {
        var decision = new PullRequestBuilder().Approved(Bob).Evaluate();

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Success));
        Assert.That(decision.Title, Is.EqualTo("All rules passed"));
        Assert.That(decision.Rules.Select(r => r.Id), Is.EqualTo(new[]
        {
            RuleIds.CompleteInputs, RuleIds.Declaration, RuleIds.Trailers, RuleIds.UndeclaredAi, RuleIds.ApprovedTools,
            RuleIds.Attestations, RuleIds.AgentFiles, RuleIds.Review,
        }));
    }

    [Test]
    public void A_compliant_ai_assisted_change_with_an_independent_approval_succeeds()
    {
        var decision = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithCommit("Add cache\n\nAI-Assisted: Claude Code\nCo-authored-by: Claude <noreply@anthropic.com>")
            .Approved(Bob).Evaluate();

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Success));
        Assert.That(decision.AiAssisted, Is.True);
    }

    [Test]
    public void Only_pending_rules_leave_the_check_pending()
    {
        var decision = new PullRequestBuilder().Evaluate();

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Pending));
        Assert.That(decision.Title, Is.EqualTo("Waiting for 1 approval from a reviewer who did not author or prompt this change"));
    }

    [Test]
    public void Any_failed_rule_is_failure_even_with_approvals_missing()
    {
        var decision = new PullRequestBuilder().WithBody(Description()).WithFile(".claude/settings.json", "added").Evaluate();

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Failure));
        Assert.That(decision.Title, Is.EqualTo("2 rules failed: declaration, agent_files"));
    }

    [Test]
    public void A_policy_error_is_failure_with_the_reason()
    {
        var decision = Evaluator.PolicyInvalid("line 3, column 1: unknown key 'brnaches'");

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Failure));
        Assert.That(decision.Title, Is.EqualTo("Policy file invalid"));
        Assert.That(decision.PolicyError, Is.EqualTo("line 3, column 1: unknown key 'brnaches'"));
    }

    [Test]
    public void A_malformed_glob_in_the_policy_is_a_policy_error_not_a_crash()
    {
        var decision = new PullRequestBuilder().WithPolicy(p => p with { AgentFiles = ["[unclosed"] }).Evaluate();

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Failure));
        Assert.That(decision.Title, Is.EqualTo("Policy file invalid"));
        Assert.That(decision.PolicyError, Does.Contain("[unclosed"));
    }

    [Test]
    public void The_same_input_gives_the_same_decision()
    {
        var input = new PullRequestBuilder().WithAuthor(Carol)
            .WithCommit("A\n\nAI-Assisted: Cursor\nCo-authored-by: Claude <noreply@anthropic.com>", author: Dave)
            .WithCommit("B\n\nAI-Assisted:", author: Alice, committer: Bob)
            .WithFile(".claude/x.json", "added").WithFile("README.md")
            .Approved(Bob).Approved(Carol).WithReview(Dave, "CHANGES_REQUESTED")
            .Build();

        Assert.That(DecisionJson.Serialize(Evaluator.Evaluate(input)), Is.EqualTo(DecisionJson.Serialize(Evaluator.Evaluate(input))));
    }
}
