using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Bot.GitHub.Webhooks;

namespace Bot.LoadTest;

/// <summary>One delivery as sent: its GUID, the status the service answered (0: no answer), the ack latency as the sender
/// saw it, and the time the service itself reported in its <c>Server-Timing</c> header (null when absent).</summary>
public sealed record SentDelivery(string DeliveryId, int Status, double AckMilliseconds, DateTimeOffset AnsweredAt, double? ServiceMilliseconds = null);

/// <summary>POSTs deliveries signed with the webhook secret, as GitHub does.</summary>
public sealed class DeliverySender(Uri baseUrl, string secret) : IDisposable
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(secret);
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <param name="dueTimestamp">When the delivery was due (a <see cref="Stopwatch"/> timestamp); the ack latency is timed
    /// from then, so time spent waiting to be sent counts (from now when that is earlier, or when null).</param>
    public async Task<SentDelivery> SendAsync(string eventName, byte[] body, string? deliveryId = null, long? dueTimestamp = null)
    {
        deliveryId ??= Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/webhooks/github", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(body, _secret));
        var now = Stopwatch.GetTimestamp();
        var sentFrom = dueTimestamp is { } due && due < now ? due : now;
        try
        {
            using var response = await _http.SendAsync(request);
            return new SentDelivery(deliveryId, (int)response.StatusCode, Stopwatch.GetElapsedTime(sentFrom).TotalMilliseconds, DateTimeOffset.UtcNow,
                ServerTiming(response));
        }
        catch (HttpRequestException)
        {
            // The service is down (killed, or not yet up): no answer, so GitHub would count it as failed and redeliver.
            return new SentDelivery(deliveryId, 0, Stopwatch.GetElapsedTime(sentFrom).TotalMilliseconds, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>The <c>dur</c> of the service's intake metric in <c>Server-Timing: intake;dur=12.3</c>.</summary>
    public static double? ServerTiming(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values)) return null;
        foreach (var metric in values.SelectMany(v => v.Split(',')))
        {
            var parts = metric.Split(';', StringSplitOptions.TrimEntries);
            if (parts[0] != "intake") continue;
            foreach (var parameter in parts.Skip(1))
            {
                if (parameter.StartsWith("dur=", StringComparison.Ordinal)
                    && double.TryParse(parameter.AsSpan(4), NumberStyles.Float, CultureInfo.InvariantCulture, out var duration))
                    return duration;
            }
        }
        return null;
    }

    public void Dispose() => _http.Dispose();
}
