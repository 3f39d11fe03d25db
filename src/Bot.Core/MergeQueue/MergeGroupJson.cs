using System.Text.Json;
using Bot.Core.Evaluation;

namespace Bot.Core.MergeQueue;

/// <summary>Canonical JSON of a <see cref="MergeGroupDecision"/>, written with the options <see cref="DecisionJson"/> writes
/// a pull request's decision with (declaration order, camelCase enums, no indentation): the evidence chain hashes it.</summary>
public static class MergeGroupJson
{
    public static string Serialize(MergeGroupDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return JsonSerializer.Serialize(decision, DecisionJsonContext.Default.MergeGroupDecision);
    }

    public static MergeGroupDecision Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, DecisionJsonContext.Default.MergeGroupDecision)
               ?? throw new JsonException("a merge group decision cannot be null");
    }
}
