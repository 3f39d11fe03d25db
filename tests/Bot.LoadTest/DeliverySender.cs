using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Bot.GitHub.Webhooks;

namespace Bot.LoadTest;

/// <summary>One delivery as sent: its GUID, the status the service answered (0: no answer) and the ack latency.</summary>
public sealed record SentDelivery(string DeliveryId, int Status, double AckMilliseconds, DateTimeOffset AnsweredAt);

/// <summary>POSTs deliveries signed with the webhook secret, as GitHub does.</summary>
public sealed class DeliverySender(Uri baseUrl, string secret) : IDisposable
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(secret);
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async Task<SentDelivery> SendAsync(string eventName, byte[] body, string? deliveryId = null)
    {
        deliveryId ??= Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/webhooks/github", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(body, _secret));
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request);
            return new SentDelivery(deliveryId, (int)response.StatusCode, clock.Elapsed.TotalMilliseconds, DateTimeOffset.UtcNow);
        }
        catch (HttpRequestException)
        {
            // The service is down (killed, or not yet up): no answer, so GitHub would count it as failed and redeliver.
            return new SentDelivery(deliveryId, 0, clock.Elapsed.TotalMilliseconds, DateTimeOffset.UtcNow);
        }
    }

    public void Dispose() => _http.Dispose();
}
