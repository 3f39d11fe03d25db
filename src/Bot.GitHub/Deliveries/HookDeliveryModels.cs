using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.GitHub.Deliveries;

/// <summary>One attempt GitHub made to deliver a webhook of the App (<c>GET /app/hook/deliveries</c>, github-api-notes §2.6).
/// A redelivery is an attempt of its own with the same <see cref="DeliveryGuid"/> (the <c>X-GitHub-Delivery</c> header, which the
/// inbox keys deliveries by). <see cref="Status"/> is "OK" when the bot answered
/// 2xx, otherwise GitHub's description of what went wrong; <see cref="StatusCode"/> is 0 when no connection was made.</summary>
public sealed record HookDelivery(
    long Id,
    string DeliveryGuid,
    DateTimeOffset DeliveredAt,
    bool Redelivery,
    string Status,
    int StatusCode,
    string Event,
    string? Action,
    long? InstallationId,
    long? RepositoryId)
{
    public bool Delivered => Status == "OK";
}

/// <summary>A delivery with the request GitHub sent (<c>GET /app/hook/deliveries/{id}</c>): its headers and its payload as
/// JSON text. GitHub gives the payload as a parsed object, so <see cref="Payload"/> is not the byte sequence that was
/// signed; it is null when GitHub returns none.</summary>
public sealed record HookDeliveryRequest(HookDelivery Delivery, IReadOnlyDictionary<string, string> Headers, byte[]? Payload)
{
    /// <summary>A request header by name, compared case-insensitively as HTTP does.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

internal sealed class RestHookDelivery
{
    public long Id { get; init; }
    [JsonPropertyName("guid")]
    public string DeliveryGuid { get; init; } = "";
    public DateTimeOffset DeliveredAt { get; init; }
    public bool Redelivery { get; init; }
    public string? Status { get; init; }
    public int StatusCode { get; init; }
    public string Event { get; init; } = "";
    public string? Action { get; init; }
    public long? InstallationId { get; init; }
    public long? RepositoryId { get; init; }
    public RestHookDeliveryRequest? Request { get; init; }

    public HookDelivery ToModel() =>
        new(Id, DeliveryGuid, DeliveredAt, Redelivery, Status ?? "", StatusCode, Event, Action, InstallationId, RepositoryId);
}

internal sealed class RestHookDeliveryRequest
{
    public Dictionary<string, JsonElement>? Headers { get; init; }
    public JsonElement? Payload { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<RestHookDelivery>))]
[JsonSerializable(typeof(RestHookDelivery))]
internal sealed partial class HookDeliveryJsonContext : JsonSerializerContext;
