using Bot.Core.Model;

namespace Bot.Core.Evaluation;

/// <summary>Deterministic JSON of a <see cref="Decision"/>: same decision, same bytes. CONTRACT STUB.</summary>
public static class DecisionJson
{
    public static string Serialize(Decision decision) => throw new NotImplementedException();
}
