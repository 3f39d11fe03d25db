using Bot.Core.Model;

namespace Bot.Core.Evaluation.Rules;

/// <summary>Builds <see cref="RuleResult"/>s so every rule phrases pass and fail the same way.</summary>
internal static class RuleResults
{
    public static RuleResult Pass(string id, string message) => new(id, RuleOutcome.Pass, message, []);

    public static RuleResult Fail(string id, string message, IReadOnlyList<string> details) =>
        new(id, RuleOutcome.Fail, message, details);

    /// <summary>Several problems of one rule become one line: "First problem; second problem".</summary>
    public static string JoinProblems(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? "" : char.ToUpperInvariant(problems[0][0]) + string.Join("; ", problems)[1..];
}
