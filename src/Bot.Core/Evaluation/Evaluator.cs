using Bot.Core.Model;

namespace Bot.Core.Evaluation;

/// <summary>policy.md §3–4. CONTRACT STUB: replaced by the real evaluator.</summary>
public static class Evaluator
{
    public static Decision Evaluate(EvaluationInput input) => throw new NotImplementedException();

    /// <summary>The decision when the policy file cannot be read or is invalid: failure, "Policy file invalid".</summary>
    public static Decision PolicyInvalid(string error) => throw new NotImplementedException();
}
