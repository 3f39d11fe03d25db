using Bot.Core.Model;
using Bot.Core.Policy;

namespace Bot.Core.Evaluation.Rules;

/// <summary>What the <c>review</c> rule found, beyond its result: the decision shows all of it.</summary>
/// <param name="Waiting">The check run's title while <c>review</c> is the only rule pending.</param>
internal sealed record ReviewOutcome(
    RuleResult Rule,
    IReadOnlyList<ApprovalAssessment> Approvals,
    IReadOnlyList<Contributor> Contributors,
    int Required,
    int Qualifying,
    string Waiting);

/// <summary><c>review</c>: enough qualifying approvals, and no unattributed commit unless the policy allows it.</summary>
internal static class ReviewRule
{
    public static ReviewOutcome Evaluate(EvaluationFacts facts)
    {
        var contributors = new Contributors(facts.Input.PullRequest, facts.Input.Commits, facts.Server);
        var sensitiveFile = SensitiveFile(facts);
        var named = SensitiveApprovers.For(facts, sensitiveFile);
        var approvals = ApprovalAssessor.Assess(facts, contributors);
        if (named is not null)
            approvals = [.. approvals.Select(named.Annotate)];
        var qualifying = approvals.Count(a => a.Qualifies);
        var (required, because) = RequiredApprovals(facts, sensitiveFile);
        var missing = Math.Max(0, required - qualifying);
        var namedMissing = named is not null && !SensitiveApprovers.IsSatisfiedBy(approvals);

        var unattributed = facts.Commits.Where(c => c.Unattributed).Select(c => DescribeUnattributed(c.Commit)).ToList();
        var failOnUnattributed = facts.Policy.Review.UnattributedCommits == UnattributedCommits.Fail;
        var counted = $"{qualifying} qualifying {(qualifying == 1 ? "approval" : "approvals")}, {required} required{because}";

        RuleResult rule;
        if (unattributed.Count > 0 && failOnUnattributed)
        {
            rule = RuleResults.Fail(RuleIds.Review,
                $"{Wording.Count(unattributed.Count, "commit")} not linked to a GitHub account, so no approval can be shown " +
                "to come from someone other than its author; link the email to an account or re-commit " +
                "(unattributed_commits: fail)",
                unattributed);
        }
        else
        {
            var details = unattributed.Select(u => $"allowed by unattributed_commits: {u}").ToList();
            rule = missing == 0 && !namedMissing
                ? new RuleResult(RuleIds.Review, RuleOutcome.Pass, counted, details)
                : new RuleResult(RuleIds.Review, RuleOutcome.Pending, PendingMessage(missing, namedMissing ? named : null, counted), details);
        }
        return new ReviewOutcome(rule, approvals, contributors.ToList(), required, qualifying,
            WaitingTitle(missing, namedMissing ? named : null));
    }

    /// <summary>"Waiting for 1 approval …", with who must give one when <c>sensitive_approvers</c> is not yet satisfied.</summary>
    private static string WaitingTitle(int missing, SensitiveApprovers? asked) => (missing, asked) switch
    {
        (_, null) => WaitingFor(missing),
        (0, { } named) => $"Waiting for an approval from {named.Asked}",
        (_, { } named) => $"{WaitingFor(missing)}, one from {named.Asked}",
    };

    private static string PendingMessage(int missing, SensitiveApprovers? asked, string counted) => asked is null
        ? $"{WaitingFor(missing)} ({counted})"
        : $"{WaitingTitle(missing, asked)}: {asked.SensitiveFile} is a sensitive path and review.sensitive_approvers is set ({counted})";

    /// <summary>What <see cref="SensitiveApprovers"/> needs GitHub to answer for this change (see
    /// <see cref="Evaluator.TeamMembershipQuestions"/>).</summary>
    public static IReadOnlyList<TeamMembership> TeamMembershipQuestions(EvaluationFacts facts) =>
        SensitiveApprovers.For(facts, SensitiveFile(facts)) is { } named
            ? [.. named.Questions(ApprovalAssessor.Assess(facts, new Contributors(facts.Input.PullRequest, facts.Input.Commits, facts.Server)))]
            : [];

    /// <summary>"Waiting for 1 approval from a reviewer who did not author or prompt this change".</summary>
    public static string WaitingFor(int missing) => missing == 1
        ? "Waiting for 1 approval from a reviewer who did not author or prompt this change"
        : $"Waiting for {missing} approvals from reviewers who did not author or prompt this change";

    /// <summary>The first changed file (or its name before a rename) under <c>sensitive_paths</c>; null when none is.</summary>
    private static string? SensitiveFile(EvaluationFacts facts) =>
        facts.SensitivePaths.IsEmpty
            ? null
            : facts.Input.Files.FirstOrDefault(f =>
                facts.SensitivePaths.IsMatch(f.Filename) ||
                (f.PreviousFilename is { } previous && facts.SensitivePaths.IsMatch(previous)))?.Filename;

    /// <summary>The largest applicable requirement, and why it applies (for the message).</summary>
    private static (int Required, string Because) RequiredApprovals(EvaluationFacts facts, string? sensitiveFile)
    {
        var review = facts.Policy.Review;
        var required = review.RequiredApprovals;
        var because = "";
        var ai = review.AiRequiredApprovals ?? review.RequiredApprovals;
        if (facts.AiAssisted && ai > required)
            (required, because) = (ai, "; AI-assisted change");
        if (sensitiveFile is not null && review.SensitiveRequiredApprovals > required)
            (required, because) = (review.SensitiveRequiredApprovals, $"; {sensitiveFile} is a sensitive path");
        return (required, because);
    }

    private static string DescribeUnattributed(CommitInfo commit)
    {
        var who = new List<string>(2);
        if (commit.AuthorUser is null)
            who.Add($"author {commit.Author.Name} <{commit.Author.Email}>");
        if (commit.CommitterUser is null)
            who.Add($"committer {commit.Committer.Name} <{commit.Committer.Email}>");
        return $"{Wording.Commit(commit)} — {string.Join(" and ", who)} not linked to a GitHub account";
    }
}
