using Bot.Core.Model;

namespace Bot.Core.Evaluation.Rules;

/// <summary><c>declaration</c>: exactly one of the yes and no boxes is ticked.</summary>
internal static class DeclarationRule
{
    public static RuleResult Evaluate(EvaluationFacts facts)
    {
        var body = facts.Body;
        var template = facts.Policy.Template;
        string[] boxes = [$"- [ ] {template.AiYes}", $"- [ ] {template.AiNo}"];
        if (body.ReadError is not null)
            return RuleResults.Fail(RuleIds.Declaration, $"The pull request description cannot be read: {body.ReadError}", boxes);
        if (body.YesTicked && body.NoTicked)
            return RuleResults.Fail(RuleIds.Declaration,
                "Both AI assistance boxes are ticked in the pull request description; untick one", boxes);
        if (body.YesTicked)
            return RuleResults.Pass(RuleIds.Declaration, "The description declares AI-assisted code");
        if (body.NoTicked)
            return RuleResults.Pass(RuleIds.Declaration, "The description declares no AI-assisted code");
        return RuleResults.Fail(RuleIds.Declaration,
            body.HasDeclarationBoxes
                ? "Tick one of the AI assistance boxes in the pull request description"
                : "The pull request description has no AI assistance boxes; add these lines and tick one",
            boxes);
    }
}
