using Bot.Core.Model;

namespace Bot.Core.Evaluation.Rules;

/// <summary><c>attestations</c>: every required checkbox of the description is ticked.</summary>
internal static class AttestationsRule
{
    public static RuleResult Evaluate(EvaluationFacts facts)
    {
        var template = facts.Policy.Template;
        var required = template.RequiredAlways
            .Concat(facts.AiAssisted ? template.RequiredWhenAi : [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var missing = required.Where(label => !facts.Body.IsTicked(label)).ToList();
        if (missing.Count > 0)
        {
            return RuleResults.Fail(RuleIds.Attestations,
                $"Tick {(missing.Count == 1 ? "this required checkbox" : $"these {missing.Count} required checkboxes")} " +
                "in the pull request description",
                missing.Select(label => $"- [ ] {label}").ToList());
        }
        return RuleResults.Pass(RuleIds.Attestations, required.Count == 0
            ? "No checkbox is required for this change"
            : $"{(required.Count == 1 ? "The required checkbox is" : $"All {required.Count} required checkboxes are")} ticked");
    }
}
