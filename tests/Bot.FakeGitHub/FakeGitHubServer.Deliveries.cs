using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Bot.FakeGitHub;

/// <summary>GitHub's record of the App's webhook deliveries (github-api-notes §1.3, §2.6): tests record what GitHub delivered
/// and how it went; the bot lists it (newest first, cursor paging via Link rel="next"), fetches one with its request, and
/// may ask for a redelivery. Deliveries older than <see cref="DeliveryRetention"/> are no longer listed or found, as on GitHub.</summary>
public sealed partial class FakeGitHubServer
{
    private readonly List<FakeHookDelivery> _hookDeliveries = [];
    private long _nextHookDeliveryId = 90_000_000_000;

    /// <summary>How long deliveries are kept (github.com: 3 days; GitHub Enterprise Server: 7).</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Where a redelivery goes: given the event, body and GUID, returns the HTTP status the receiver answered (0: no
    /// connection). Unset: a redelivery fails to connect.</summary>
    public Func<string, byte[], string, Task<int>>? RedeliveryTarget { get; set; }

    /// <summary>Records one delivery of the App's webhook as GitHub keeps it. <paramref name="status"/> is "OK" when the receiver
    /// answered 2xx, else GitHub's text for the failure (e.g. "failed to connect", with <paramref name="statusCode"/> 0).
    /// Record deliveries in the order they happened: ids grow with time, as GitHub's do.
    /// <paramref name="keepPayload"/> false: GitHub returns the request without its payload.</summary>
    public FakeHookDelivery RecordDelivery(string eventName, byte[] body, string? deliveryId = null, string status = "OK", int? statusCode = null,
        DateTimeOffset? deliveredAt = null, bool keepPayload = true)
    {
        var node = JsonNode.Parse(body) as JsonObject;
        lock (_gate)
        {
            var delivery = new FakeHookDelivery(
                ++_nextHookDeliveryId, deliveryId ?? Guid.NewGuid().ToString(), eventName, (string?)node?["action"],
                (long?)node?["installation"]?["id"], (long?)node?["repository"]?["id"], deliveredAt ?? _clock.GetUtcNow(),
                status, statusCode ?? (status == "OK" ? 202 : 0), Redelivery: false, body, keepPayload);
            _hookDeliveries.Add(delivery);
            return delivery;
        }
    }

    /// <summary>Every delivery recorded, redeliveries included, oldest first.</summary>
    public IReadOnlyList<FakeHookDelivery> HookDeliveries()
    {
        lock (_gate)
        {
            return [.. _hookDeliveries];
        }
    }

    private List<FakeHookDelivery> KeptDeliveries()
    {
        var oldest = _clock.GetUtcNow() - DeliveryRetention;
        return [.. _hookDeliveries.Where(d => d.DeliveredAt >= oldest)];
    }

    private void RequireAppJwt(HttpContext context)
    {
        if (_auth.VerifyJwt(Bearer(context)) is { } problem)
        {
            throw new FakeHttpError(401, problem);
        }
    }

    private async Task ListHookDeliveries(HttpContext context)
    {
        RequireAppJwt(context);
        var perPage = int.TryParse(FakeHttp.Query(context, "per_page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 100) : 30;
        var before = FakeHttp.Query(context, "cursor") is { } cursor && cursor.StartsWith("v1_", StringComparison.Ordinal)
            ? long.Parse(cursor[3..], CultureInfo.InvariantCulture)
            : long.MaxValue;
        var status = FakeHttp.Query(context, "status");
        List<FakeHookDelivery> page;
        bool more;
        lock (_gate)
        {
            var matching = KeptDeliveries()
                .Where(d => d.Id < before && (status is null || (status == "success") == (d.Status == "OK")))
                .OrderByDescending(d => d.Id)
                .ToList();
            page = [.. matching.Take(perPage)];
            more = matching.Count > perPage;
        }

        if (more)
        {
            // GitHub pages this list with an opaque cursor; clients follow the Link header verbatim.
            var query = QueryString.Create(context.Request.Query
                .Where(q => q.Key != "cursor")
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new KeyValuePair<string, string?>("cursor", "v1_" + page[^1].Id.ToString(CultureInfo.InvariantCulture))));
            var next = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{query}";
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        await FakeHttp.WriteJsonAsync(context, page.Select(FakeHookDelivery.ToJson).ToList());
    }

    private async Task GetHookDelivery(HttpContext context)
    {
        RequireAppJwt(context);
        var delivery = FindHookDelivery(context);
        using var payload = delivery.PayloadKept ? JsonDocument.Parse(delivery.Body) : null;
        await FakeHttp.WriteJsonAsync(context, new Dictionary<string, object?>(FakeHookDelivery.ToJson(delivery))
        {
            ["request"] = new { headers = delivery.RequestHeaders(AppId), payload = payload?.RootElement },
            ["response"] = new { headers = new Dictionary<string, string>(), payload = (string?)null },
        });
    }

    private async Task RedeliverHookDelivery(HttpContext context)
    {
        RequireAppJwt(context);
        var original = FindHookDelivery(context);
        var answered = RedeliveryTarget is { } target ? await target(original.Event, original.Body, original.DeliveryGuid) : 0;
        lock (_gate)
        {
            _hookDeliveries.Add(original with
            {
                Id = ++_nextHookDeliveryId,
                DeliveredAt = _clock.GetUtcNow(),
                Redelivery = true,
                Status = answered is >= 200 and < 300 ? "OK" : answered == 0 ? "failed to connect" : $"Invalid HTTP Response: {answered}",
                StatusCode = answered,
            });
        }

        await FakeHttp.WriteJsonAsync(context, new { }, 202);
    }

    private FakeHookDelivery FindHookDelivery(HttpContext context)
    {
        var id = long.Parse((string)context.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            return KeptDeliveries().FirstOrDefault(d => d.Id == id) ?? throw new FakeHttpError(404, "Not Found");
        }
    }
}

/// <summary>One delivery attempt as GitHub records it: <see cref="Body"/> is what was sent; <see cref="PayloadKept"/> false: the
/// API returns the request without its payload (a redelivery still sends the body).</summary>
public sealed record FakeHookDelivery(
    long Id,
    string DeliveryGuid,
    string Event,
    string? Action,
    long? InstallationId,
    long? RepositoryId,
    DateTimeOffset DeliveredAt,
    string Status,
    int StatusCode,
    bool Redelivery,
    byte[] Body,
    bool PayloadKept = true)
{
    internal static Dictionary<string, object?> ToJson(FakeHookDelivery d) => new()
    {
        ["id"] = d.Id,
        ["guid"] = d.DeliveryGuid,
        ["delivered_at"] = FakeJson.Time(d.DeliveredAt),
        ["redelivery"] = d.Redelivery,
        ["duration"] = 0.27,
        ["status"] = d.Status,
        ["status_code"] = d.StatusCode,
        ["event"] = d.Event,
        ["action"] = d.Action,
        ["installation_id"] = d.InstallationId,
        ["repository_id"] = d.RepositoryId,
        ["throttled_at"] = null,
    };

    /// <summary>The headers GitHub sent with it, as the API shows them.</summary>
    internal Dictionary<string, string> RequestHeaders(string appId) => new()
    {
        ["Accept"] = "*/*",
        ["content-type"] = "application/json",
        ["User-Agent"] = "GitHub-Hookshot/f3b8b2e",
        ["X-GitHub-Delivery"] = DeliveryGuid,
        ["X-GitHub-Event"] = Event,
        ["X-GitHub-Hook-ID"] = "4242",
        ["X-GitHub-Hook-Installation-Target-ID"] = appId,
        ["X-GitHub-Hook-Installation-Target-Type"] = "integration",
    };
}
