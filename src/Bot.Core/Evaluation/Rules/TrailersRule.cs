using Bot.Core.Model;

namespace Bot.Core.Evaluation.Rules;

/// <summary><c>trailers</c>: the commits' AI declarations agree with the description and none is empty.</summary>
internal static class TrailersRule
{
    public static RuleResult Evaluate(EvaluationFacts facts)
    {
        var key = facts.Policy.Trailer.Key;
        var commits = facts.TrailerCommits.ToList();
        var problems = new List<string>();
        var details = new List<string>();

        var invalid = commits.Where(c => c.Kind == DeclarationKind.Invalid).ToList();
        if (invalid.Count > 0)
        {
            problems.Add($"{Wording.Count(invalid.Count, "commit")} with an empty {key} trailer; give it a tool name or \"no\"");
            details.AddRange(invalid.Select(c => $"{Wording.Commit(c.Commit)} — empty {key} trailer"));
        }

        var positive = commits.Where(c => c.HasPositive).ToList();
        if (facts.Body.IsDeclared && facts.Body.YesTicked && positive.Count == 0)
        {
            problems.Add($"the description declares AI-assisted code but no commit has an {key} trailer naming the tool");
            details.AddRange(commits.Select(c => $"{Wording.Commit(c.Commit)} — no {key} trailer naming a tool"));
        }
        else if (facts.Body.IsDeclared && facts.Body.NoTicked && positive.Count > 0)
        {
            problems.Add($"the description declares no AI-assisted code but {Wording.Count(positive.Count, "commit")} {(positive.Count == 1 ? "declares" : "declare")} AI assistance");
            details.AddRange(positive.Select(c => $"{Wording.Commit(c.Commit)} — {key}: {string.Join(", ", c.PositiveValues)}"));
        }

        if (facts.Policy.Trailer.RequireOnEveryCommit)
        {
            var missing = commits.Where(c => c.Kind == DeclarationKind.Missing).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{Wording.Count(missing.Count, "commit")} without an {key} trailer (require_on_every_commit)");
                details.AddRange(missing.Select(c => $"{Wording.Commit(c.Commit)} — no {key} trailer"));
            }
        }

        if (problems.Count > 0)
            return RuleResults.Fail(RuleIds.Trailers, RuleResults.JoinProblems(problems), details);
        if (positive.Count > 0)
            return RuleResults.Pass(RuleIds.Trailers,
                $"{positive.Count} of {Wording.Count(commits.Count, "commit")} declare AI assistance with an {key} trailer");
        return RuleResults.Pass(RuleIds.Trailers, $"No commit declares AI assistance and no {key} trailer is empty");
    }
}
