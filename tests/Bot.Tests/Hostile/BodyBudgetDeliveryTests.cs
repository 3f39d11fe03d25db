using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bot.GitHub.Webhooks;
using Bot.Serve.Http;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Hostile;

/// <summary>
/// Through the real webhook path with a small body budget (<c>GitHub:BodyBufferBytes</c>): an unsigned body that is
/// being sent slowly holds its share; a large body that cannot get memory in time is answered 503; a signed delivery
/// that fits is accepted meanwhile; and every byte is given back.
/// </summary>
public sealed class BodyBudgetDeliveryTests
{
    private const int MaxBody = 100 * 1024;

    [Test]
    public async Task A_body_without_memory_in_time_is_503_while_a_signed_delivery_that_fits_is_accepted()
    {
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["GitHub:MaxBodyBytes"] = MaxBody.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GitHub:BodyBufferBytes"] = (200 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GitHub:BodyBufferWaitSeconds"] = "0.2",
            ["Worker:Enabled"] = "false",
        });
        var budget = bot.Services.GetRequiredService<WebhookBodyReader>().Budget;
        Assert.That(budget.Capacity, Is.EqualTo(13 * WebhookBodyReader.SegmentBytes), "200 KiB in whole 16 KiB segments");

        // An unsigned body of 100 KB whose sender stops after the first bytes: it holds 7 segments while it is read.
        var slow = new HeldContent(MaxBody);
        var held = PostAsync(bot, slow, "sha256=" + new string('0', 64));
        await slow.Started;
        Assert.That(await BotUnderTest.EventuallyAsync(() => budget.Available == budget.Capacity - (7 * WebhookBodyReader.SegmentBytes)), Is.True);

        // Another 100 KB body needs 7 segments too; 6 are free.
        using var refused = await PostAsync(bot, new ByteArrayContent(new byte[MaxBody]), "sha256=" + new string('1', 64));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await refused.Content.ReadAsStringAsync());
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("redeliver later"));

        // A signed 28 KB delivery needs 2 segments: accepted at once, the large body's wait notwithstanding.
        using var accepted = await bot.SendAsync("pull_request", WebhookPayloads.Raw("pull_request", "opened.payload.json"));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await accepted.Content.ReadAsStringAsync());

        slow.Finish();
        using (var unsigned = await held)
            Assert.That(unsigned.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await BotUnderTest.EventuallyAsync(() => budget.Available == budget.Capacity), Is.True, "every body gave its memory back");
    }

    [Test]
    public async Task A_chunked_body_is_read_a_segment_at_a_time_and_refused_past_the_limit()
    {
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["GitHub:MaxBodyBytes"] = MaxBody.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker:Enabled"] = "false",
        });
        var opened = WebhookPayloads.Raw("pull_request", "opened.payload.json");
        var oversized = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', MaxBody) + "\"}");

        using var fits = await PostAsync(bot, new ChunkedContent(opened), WebhookSignature.Sign(opened, Encoding.UTF8.GetBytes(BotUnderTest.Secret)));
        using var tooLarge = await PostAsync(bot, new ChunkedContent(oversized), WebhookSignature.Sign(oversized, Encoding.UTF8.GetBytes(BotUnderTest.Secret)));

        Assert.That(fits.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await fits.Content.ReadAsStringAsync());
        Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        var budget = bot.Services.GetRequiredService<WebhookBodyReader>().Budget;
        Assert.That(await BotUnderTest.EventuallyAsync(() => budget.Available == budget.Capacity), Is.True);
    }

    private static Task<HttpResponseMessage> PostAsync(BotUnderTest bot, HttpContent content, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = content };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature);
        return bot.Http.SendAsync(request);
    }

    /// <summary>A body of a announced length that sends its first kilobyte, then waits to be told to send the rest.</summary>
    private sealed class HeldContent(int length) : HttpContent
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public void Finish() => _finish.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(new byte[1024]);
            await stream.FlushAsync();
            _started.TrySetResult();
            await _finish.Task;
            await stream.WriteAsync(new byte[length - 1024]);
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return true;
        }
    }

    /// <summary>A body sent without a Content-Length (Transfer-Encoding: chunked).</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
