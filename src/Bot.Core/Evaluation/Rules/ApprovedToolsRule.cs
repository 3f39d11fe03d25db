using Bot.Core.Model;

namespace Bot.Core.Evaluation.Rules;

/// <summary><c>approved_tools</c>: every declared tool matches an approved-tool glob.</summary>
internal static class ApprovedToolsRule
{
    public static RuleResult Evaluate(EvaluationFacts facts)
    {
        if (facts.ApprovedTools.IsEmpty)
            return RuleResults.Pass(RuleIds.ApprovedTools, "Any AI tool may be used (approved_tools is empty)");

        var unapproved = new List<string>();
        var details = new List<string>();
        foreach (var commit in facts.TrailerCommits)
        {
            foreach (var value in commit.PositiveValues)
            {
                if (facts.ApprovedTools.IsMatch(value))
                    continue;
                if (!unapproved.Contains(value, StringComparer.Ordinal))
                    unapproved.Add(value);
                details.Add($"{Wording.Commit(commit.Commit)} — {Wording.Quoted(value)} is not an approved tool");
            }
        }
        if (unapproved.Count > 0)
        {
            return RuleResults.Fail(RuleIds.ApprovedTools,
                $"Not an approved tool: {string.Join(", ", unapproved.Select(Wording.Quoted))} " +
                $"(approved: {string.Join(", ", facts.Policy.ApprovedTools)})",
                details);
        }
        return RuleResults.Pass(RuleIds.ApprovedTools, "Every declared tool is approved");
    }
}
