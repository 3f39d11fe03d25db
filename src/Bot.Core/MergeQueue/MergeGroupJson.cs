using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Evaluation;
using Bot.Core.Model;

namespace Bot.Core.MergeQueue;

/// <summary>Canonical JSON of a <see cref="MergeGroupDecision"/>, written the way <see cref="DecisionJson"/> writes a pull
/// request's decision (declaration order, camelCase enums, no indentation): the evidence chain hashes it.</summary>
public static class MergeGroupJson
{
    public static string Serialize(MergeGroupDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return JsonSerializer.Serialize(decision, MergeGroupJsonContext.Default.MergeGroupDecision);
    }

    public static MergeGroupDecision Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, MergeGroupJsonContext.Default.MergeGroupDecision)
               ?? throw new JsonException("a merge group decision cannot be null");
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(CamelCaseEnumConverter<Conclusion>)])]
[JsonSerializable(typeof(MergeGroupDecision))]
internal sealed partial class MergeGroupJsonContext : JsonSerializerContext;
