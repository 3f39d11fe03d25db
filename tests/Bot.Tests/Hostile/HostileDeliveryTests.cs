using System.Net;
using System.Text;
using Bot.GitHub.Webhooks;
using Bot.Tests.Support;

namespace Bot.Tests.Hostile;

/// <summary>Deliveries built to break the receiving edge: each gets its refusal status, and nothing is stored, processed,
/// or sent to GitHub.</summary>
public sealed class HostileDeliveryTests
{
    private static readonly byte[] Opened = WebhookPayloads.Raw("pull_request", "opened.payload.json");
    private BotUnderTest _bot = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _bot = await BotUnderTest.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _bot.DisposeAsync();

    private async Task<long> StoredAsync() => (await _bot.Store.Inbox.CountByStateAsync()).Values.Sum();

    private async Task AssertRefusedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var before = await StoredAsync();
        var response = await send();
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        Assert.That(await StoredAsync(), Is.EqualTo(before), "nothing stored");
        Assert.That(_bot.GitHub.Calls.Total, Is.Zero, "nothing processed");
    }

    private static string Sign(byte[] body) => WebhookSignature.Sign(body, Encoding.UTF8.GetBytes(BotUnderTest.Secret));

    [Test]
    public async Task A_forged_signature_is_401() =>
        await AssertRefusedAsync(() => _bot.SendAsync("pull_request", Opened,
            signature: WebhookSignature.Sign(Opened, Encoding.UTF8.GetBytes("guessed"))), HttpStatusCode.Unauthorized);

    [Test]
    public async Task A_signature_for_a_different_body_is_401() =>
        await AssertRefusedAsync(() => _bot.SendAsync("pull_request", Opened,
            signature: Sign(WebhookPayloads.Raw("pull_request", "closed.payload.json"))), HttpStatusCode.Unauthorized);

    [Test]
    public async Task A_sha1_only_signature_is_401()
    {
        // The weak algorithm is the point: GitHub's legacy X-Hub-Signature header must not be accepted in place of SHA-256.
#pragma warning disable CA5350
        var sha1 = "sha1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA1.HashData(Encoding.UTF8.GetBytes(BotUnderTest.Secret), Opened));
#pragma warning restore CA5350
        await AssertRefusedAsync(() => _bot.SendAsync("pull_request", Opened, signature: sha1), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_signed_empty_body_is_400() =>
        await AssertRefusedAsync(() => _bot.SendAsync("pull_request", []), HttpStatusCode.BadRequest);

    [Test]
    public async Task Signed_truncated_json_is_400() =>
        await AssertRefusedAsync(() => _bot.SendAsync("pull_request", Opened[..(Opened.Length / 2)]), HttpStatusCode.BadRequest);

    [Test]
    public async Task Signed_json_nested_ten_thousand_deep_is_400()
    {
        var body = Encoding.UTF8.GetBytes("{\"action\":\"opened\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}");
        await AssertRefusedAsync(() => _bot.SendAsync("pull_request", body), HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_30_MiB_body_is_413()
    {
        var body = new byte[30 * 1024 * 1024];
        body.AsSpan().Fill((byte)' ');
        "{}"u8.CopyTo(body);
        // Expect: 100-continue, as large uploads do: the refusal comes before the body, so the client can read it.
        await AssertRefusedAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.ExpectContinue = true;
            request.Headers.Add("X-GitHub-Event", "pull_request");
            request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
            request.Headers.Add("X-Hub-Signature-256", Sign(body));
            return _bot.Http.SendAsync(request);
        }, HttpStatusCode.RequestEntityTooLarge);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    public async Task A_wrong_content_type_is_415(string contentType) =>
        await AssertRefusedAsync(() => _bot.SendAsync("pull_request", Opened, contentType: contentType), HttpStatusCode.UnsupportedMediaType);

    [TestCase("definitely_not_an_event")]
    [TestCase("pull_request<script>")]
    [TestCase("../../etc/passwd")]
    public async Task An_unknown_event_name_is_kept_as_ignored_and_never_processed(string eventName)
    {
        var response = await _bot.SendAsync(eventName, Opened);

        Assert.That((int)response.StatusCode, Is.EqualTo(202).Or.EqualTo(400), await response.Content.ReadAsStringAsync());
        var counts = await _bot.Store.Inbox.CountByStateAsync();
        Assert.That(counts.Where(c => c.Key != Bot.Evidence.Inbox.DeliveryState.Ignored).Sum(c => c.Value), Is.Zero,
            "an unknown event is at most recorded as ignored, never queued for work");
        Assert.That(_bot.GitHub.Calls.Total, Is.Zero);
    }

    [SetUp]
    public void ForgetCalls() => _bot.GitHub.Calls.Reset();
}
