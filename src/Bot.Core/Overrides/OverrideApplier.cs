using Bot.Core.Model;

namespace Bot.Core.Overrides;

/// <summary>An approved exception in force for one head SHA. <see cref="CoveredRules"/> are the rules that were failing when
/// it was granted (policy.md §7): it covers those and no other; null covers every rule (a record that names none).</summary>
public sealed record ApprovedOverride(string HeadSha, long ApproverId, string ApproverLogin, DateTimeOffset ApprovedAt, string Reason,
    IReadOnlyList<string>? CoveredRules = null);

/// <summary>Turns a failing decision into the overridden one (policy.md §7): <c>success</c> titled "Overridden by @login";
/// every rule result stays as evaluated so the summary still shows what failed. An override of another head changes nothing.
/// A rule failing now that was not failing when the override was granted (the body was edited since, say) is not covered:
/// the decision stays <c>failure</c>, names that rule in its title, and carries the override so the summary can say why.</summary>
public static class OverrideApplier
{
    public static Decision Apply(Decision decision, string headSha, ApprovedOverride? approved)
    {
        // A policy that cannot be read is not a rule an approver looked at: it fails whatever was approved (policy.md §4).
        if (approved is null || approved.HeadSha != headSha || decision.Conclusion != Conclusion.Failure || decision.PolicyError is not null)
            return decision;
        var uncovered = Uncovered(decision, approved);
        if (uncovered.Count > 0)
        {
            return decision with
            {
                Title = $"Override by @{approved.ApproverLogin} does not cover: {string.Join(", ", uncovered)}",
                Override = approved,
            };
        }
        return decision with
        {
            Conclusion = Conclusion.Success,
            Title = $"Overridden by @{approved.ApproverLogin}",
            Override = approved,
        };
    }

    /// <summary>The rules failing in <paramref name="decision"/> that <paramref name="approved"/> does not cover, in decision order.</summary>
    public static IReadOnlyList<string> Uncovered(Decision decision, ApprovedOverride approved) =>
        approved.CoveredRules is not { } covered
            ? []
            : decision.Rules.Where(r => r.Outcome == RuleOutcome.Fail && !covered.Contains(r.Id, StringComparer.Ordinal)).Select(r => r.Id).ToList();
}
