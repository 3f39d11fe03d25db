using Bot.Core.Evaluation.Rules;
using Bot.Core.Globbing;
using Bot.Core.Model;

namespace Bot.Core.Evaluation;

/// <summary>policy.md §3–4: decides whether a pull request may merge. Pure and deterministic: the same
/// input always gives the same decision, with commits in input order, contributors by user id and
/// approvals by review id.</summary>
public static class Evaluator
{
    public const string NotInScopeTitle = "Not in scope";
    public const string PolicyInvalidTitle = "Policy file invalid";
    public const string TooLargeTitle = CompleteInputsRule.TooLargeTitle;

    /// <param name="server">Facts about the GitHub server (its <c>web-flow</c> user id); github.com's when not given.</param>
    public static Decision Evaluate(EvaluationInput input, ServerFacts? server = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            if (!Scope.IsInScope(input))
                return new Decision(Conclusion.NotInScope, NotInScopeTitle, false, false, [], [], [], 0, 0, [], [], null);
            return Decide(new EvaluationFacts(input, server ?? ServerFacts.GitHubCom));
        }
        catch (GlobException ex)
        {
            // The loader validates globs; this keeps a policy built some other way from ever passing by accident.
            return PolicyInvalid(ex.Message);
        }
    }

    /// <summary>The team memberships the evaluation of <paramref name="input"/> needs GitHub's answer to
    /// (<c>review.sensitive_approvers</c> naming teams, a sensitive path touched, approvals that qualify otherwise); empty
    /// when none. The host asks them and passes the active ones in as <see cref="EvaluationInput.ActiveTeamMembers"/>.</summary>
    public static IReadOnlyList<TeamMembership> TeamMembershipQuestions(EvaluationInput input, ServerFacts? server = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var review = input.Policy.Review;
        if (!review.SensitiveApprovers.Any(a => a.StartsWith('@')) || review.SensitivePaths.Count == 0)
            return [];
        try
        {
            return Scope.IsInScope(input) ? ReviewRule.TeamMembershipQuestions(new EvaluationFacts(input, server ?? ServerFacts.GitHubCom)) : [];
        }
        catch (GlobException)
        {
            return []; // Evaluate reports the policy invalid; nothing to ask
        }
    }

    /// <summary>The decision when the policy file cannot be read or is invalid: failure, "Policy file invalid".</summary>
    public static Decision PolicyInvalid(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Decision(Conclusion.Failure, PolicyInvalidTitle, true, false, [], [], [], 0, 0, [], [], error);
    }

    private static Decision Decide(EvaluationFacts facts)
    {
        var review = ReviewRule.Evaluate(facts);
        RuleResult[] rules =
        [
            CompleteInputsRule.Evaluate(facts),
            DeclarationRule.Evaluate(facts),
            TrailersRule.Evaluate(facts),
            UndeclaredAiRule.Evaluate(facts),
            ApprovedToolsRule.Evaluate(facts),
            AttestationsRule.Evaluate(facts),
            AgentFilesRule.Evaluate(facts),
            review.Rule,
        ];
        var (conclusion, title) = Conclude(rules, review);
        return new Decision(
            conclusion, title, true, facts.AiAssisted, facts.DeclaredTools(), review.Contributors, review.Approvals,
            review.Required, review.Qualifying, rules, facts.Commits.Select(c => c.ToDeclaration()).ToList(), null);
    }

    private static (Conclusion, string) Conclude(RuleResult[] rules, ReviewOutcome review)
    {
        var failed = rules.Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.Id).ToList();
        // policy.md §1: what could not be read is the headline; the other failures found in what was read are listed below it.
        if (failed.Contains(RuleIds.CompleteInputs))
            return (Conclusion.Failure, TooLargeTitle);
        if (failed.Count > 0)
            return (Conclusion.Failure, $"{Wording.Count(failed.Count, "rule")} failed: {string.Join(", ", failed)}");
        var pending = rules.Where(r => r.Outcome == RuleOutcome.Pending).Select(r => r.Id).ToList();
        if (pending.Count == 0)
            return (Conclusion.Success, "All rules passed");
        return (Conclusion.Pending, pending is [RuleIds.Review]
            ? review.Waiting
            : $"Waiting for: {string.Join(", ", pending)}");
    }
}
