using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Overrides;
using Bot.Core.Rendering;
using NUnit.Framework;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;

namespace Bot.Core.Tests.Evaluation;

/// <summary>policy.md §1: a decision on a prefix of the commits or files is no decision; "Too large to judge" instead.</summary>
public class CompleteInputsRuleTests
{
    [Test]
    public void Lists_as_long_as_the_pull_requests_counts_pass_and_say_so()
    {
        var decision = new PullRequestBuilder().WithCounts(commits: 1, changedFiles: 1).Approved(Bob).Evaluate();

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Success));
        Assert.That(decision.Rule(RuleIds.CompleteInputs).Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(decision.Rule(RuleIds.CompleteInputs).Message, Is.EqualTo("Every commit (1) and changed file (1) was read"));
    }

    [Test]
    public void Files_past_what_github_lists_fail_too_large_to_judge_naming_what_was_not_read()
    {
        var decision = new PullRequestBuilder().WithCounts(commits: 1, changedFiles: 3200).Approved(Bob).Evaluate();

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Failure));
        Assert.That(decision.Title, Is.EqualTo("Too large to judge"));
        var rule = decision.Rule(RuleIds.CompleteInputs);
        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Details, Is.EqualTo(new[] { "GitHub lists only the first 1 of 3,200 changed files" }));
        Assert.That(rule.Message, Does.Contain("/ai-compliance override"));
        Assert.That(RenderedTextOf(decision), Does.Contain("GitHub lists only the first 1 of 3,200 changed files"));
    }

    [Test]
    public void Commits_short_of_the_count_fail_even_when_every_other_rule_passes()
    {
        var decision = new PullRequestBuilder().WithCounts(commits: 300, changedFiles: 1).Approved(Bob).Evaluate();

        Assert.That(decision.Title, Is.EqualTo("Too large to judge"));
        Assert.That(decision.Rule(RuleIds.CompleteInputs).Details, Is.EqualTo(new[] { "GitHub lists only 1 of 300 commits" }));
    }

    [Test]
    public void Other_failures_in_what_was_read_are_still_listed_under_the_headline()
    {
        var decision = new PullRequestBuilder().WithCounts(1, 3200).WithFile(".claude/settings.json", "added").Evaluate();

        Assert.That(decision.Title, Is.EqualTo("Too large to judge"));
        Assert.That(decision.Rule(RuleIds.AgentFiles).Outcome, Is.EqualTo(RuleOutcome.Fail));
    }

    [Test]
    public void Without_counts_from_github_the_lists_are_taken_as_complete()
    {
        var decision = new PullRequestBuilder().Approved(Bob).Evaluate();

        Assert.That(decision.Rule(RuleIds.CompleteInputs).Outcome, Is.EqualTo(RuleOutcome.Pass));
    }

    [Test]
    public void An_override_granted_on_too_large_to_judge_covers_it()
    {
        var builder = new PullRequestBuilder().WithCounts(1, 3200).Approved(Bob);
        var approved = new ApprovedOverride(builder.HeadSha, Carol.Id, Carol.Login, DateTimeOffset.UnixEpoch, "Generated code, reviewed offline",
            [RuleIds.CompleteInputs]);

        var overridden = OverrideApplier.Apply(builder.Evaluate(), builder.HeadSha, approved);

        Assert.That(overridden.Conclusion, Is.EqualTo(Conclusion.Success));
        Assert.That(overridden.Title, Is.EqualTo("Overridden by @carol"));
    }

    private static string RenderedTextOf(Decision decision) =>
        CheckRunRenderer.Render(decision).Summary.Replace("\\", "", StringComparison.Ordinal);
}
