using System.Text.Json.Serialization;

namespace Bot.Serve.Http;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WebhookAnswer))]
[JsonSerializable(typeof(ServiceStatus))]
internal sealed partial class ServeJsonContext : JsonSerializerContext;
