using Bot.Core.Model;

namespace Bot.Core.Evaluation.Rules;

/// <summary><c>undeclared_ai</c>: a commit with an AI co-author also declares AI assistance.</summary>
internal static class UndeclaredAiRule
{
    public static RuleResult Evaluate(EvaluationFacts facts)
    {
        var key = facts.Policy.Trailer.Key;
        var detected = facts.TrailerCommits.Where(c => c.IsAiDetected).ToList();
        var undeclared = detected.Where(c => !c.HasPositive).ToList();
        if (undeclared.Count > 0)
        {
            var details = undeclared
                .SelectMany(c => c.AiCoAuthors.Select(a => $"{Wording.Commit(c.Commit)} — Co-authored-by: {a}"))
                .ToList();
            return RuleResults.Fail(RuleIds.UndeclaredAi,
                $"{Wording.Count(undeclared.Count, "commit")} with an AI co-author but no {key} trailer naming the tool; add one",
                details);
        }
        return RuleResults.Pass(RuleIds.UndeclaredAi, detected.Count == 0
            ? "No commit has an AI co-author"
            : $"Every commit with an AI co-author declares AI assistance ({detected.Count})");
    }
}
