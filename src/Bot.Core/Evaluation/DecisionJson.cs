using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Model;

namespace Bot.Core.Evaluation;

/// <summary>Canonical JSON of a <see cref="Decision"/>: same decision, same bytes. Properties in declaration
/// order, enums as camelCase strings, no indentation, times as UTC ISO-8601 ("O"). The evidence chain hashes it.</summary>
public static class DecisionJson
{
    public static string Serialize(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return JsonSerializer.Serialize(decision, DecisionJsonContext.Default.Decision);
    }

    /// <summary>The parts of <paramref name="decision"/> the evidence record keeps in columns of their own, each the exact
    /// text it has inside <see cref="Serialize"/>'s output (same serializer, same options).</summary>
    public static DecisionJsonParts Parts(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var context = DecisionJsonContext.Default;
        return new DecisionJsonParts(
            JsonSerializer.Serialize(decision.DeclaredTools, context.IReadOnlyListString),
            JsonSerializer.Serialize(decision.Contributors, context.IReadOnlyListContributor),
            JsonSerializer.Serialize(decision.Approvals, context.IReadOnlyListApprovalAssessment),
            JsonSerializer.Serialize(decision.Rules, context.IReadOnlyListRuleResult));
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; throws <see cref="JsonException"/> on anything else.</summary>
    public static Decision Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, DecisionJsonContext.Default.Decision)
               ?? throw new JsonException("a decision cannot be null");
    }
}

/// <summary>See <see cref="DecisionJson.Parts"/>.</summary>
public sealed record DecisionJsonParts(string DeclaredTools, string Contributors, string Approvals, string Rules);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters =
    [
        typeof(CamelCaseEnumConverter<Conclusion>),
        typeof(CamelCaseEnumConverter<RuleOutcome>),
        typeof(CamelCaseEnumConverter<DeclarationKind>),
        typeof(UtcRoundTripDateTimeOffsetConverter),
    ])]
[JsonSerializable(typeof(Decision))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<Contributor>))]
[JsonSerializable(typeof(IReadOnlyList<ApprovalAssessment>))]
[JsonSerializable(typeof(IReadOnlyList<RuleResult>))]
[JsonSerializable(typeof(Bot.Core.MergeQueue.MergeGroupDecision))]
internal sealed partial class DecisionJsonContext : JsonSerializerContext;

/// <summary>Enum values as camelCase names ("notInScope"); numbers are refused when reading.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>Every time in UTC with the round-trip format, so one instant always has one spelling.</summary>
internal sealed class UtcRoundTripDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("a time must be a string");
        return DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
}
