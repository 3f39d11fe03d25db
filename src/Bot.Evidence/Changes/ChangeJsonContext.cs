using System.Text.Json.Serialization;

namespace Bot.Evidence.Changes;

/// <summary>The JSON columns of a change: compact, camelCase, stable property order (they are hashed).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<ChangeFinding>))]
[JsonSerializable(typeof(long[]))]
internal sealed partial class ChangeJsonContext : JsonSerializerContext;
