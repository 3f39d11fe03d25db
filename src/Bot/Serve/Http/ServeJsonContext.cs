using System.Text.Json.Serialization;

namespace Bot.Serve.Http;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WebhookAnswer))]
internal sealed partial class ServeJsonContext : JsonSerializerContext;
