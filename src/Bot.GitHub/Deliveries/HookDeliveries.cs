using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Bot.GitHub.Rest;

namespace Bot.GitHub.Deliveries;

/// <summary>GitHub's record of the App's webhook deliveries, kept 3 days (7 on GitHub Enterprise Server): list (newest first,
/// cursor paging), one delivery with its request, and redelivery (github-api-notes §1.3, §2.6). App JWT.</summary>
public sealed class HookDeliveries
{
    private const string Path = "/app/hook/deliveries";
    private static HookDeliveryJsonContext Json => HookDeliveryJsonContext.Default;

    private readonly AppEndpoints _app;

    internal HookDeliveries(AppEndpoints app) => _app = app;

    /// <summary>The list, a page (up to 100) at a time, newest first; stop reading once far enough back.</summary>
    public async IAsyncEnumerable<IReadOnlyList<HookDelivery>> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A cache identity lets an unchanged first page (nothing delivered since the last pass) come back as a free 304.
        await foreach (var page in _app.GetPagesAsync(Path, Json.ListRestHookDelivery, cacheIdentity: "app:hook-deliveries", cancellationToken))
            yield return [.. page.Select(d => d.ToModel())];
    }

    /// <summary>One delivery with the request GitHub sent; null when GitHub no longer has it (404).</summary>
    public async Task<HookDeliveryRequest?> GetAsync(long deliveryId, CancellationToken cancellationToken = default)
    {
        using var response = await _app.SendAsync(HttpMethod.Get, $"{Path}/{deliveryId}", cancellationToken);
        if (GitHubTransport.IsNotFound(response))
            return null;
        var delivery = await GitHubTransport.ReadAsync(response, Json.RestHookDelivery, cancellationToken);
        var headers = (delivery.Request?.Headers ?? []).ToDictionary(h => h.Key, h => HeaderText(h.Value), StringComparer.OrdinalIgnoreCase);
        var payload = delivery.Request?.Payload is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json
            ? Encoding.UTF8.GetBytes(json.GetRawText())
            : null;
        return new HookDeliveryRequest(delivery.ToModel(), headers, payload);
    }

    /// <summary>Asks GitHub to send the delivery again (same GUID); GitHub answers 202 and delivers it shortly after.</summary>
    public async Task RedeliverAsync(long deliveryId, CancellationToken cancellationToken = default)
    {
        using var response = await _app.SendAsync(HttpMethod.Post, $"{Path}/{deliveryId}/attempts", cancellationToken);
        await GitHubTransport.EnsureSuccessAsync(response, cancellationToken);
    }

    private static string HeaderText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(HeaderText)),
        _ => value.GetRawText(),
    };
}
