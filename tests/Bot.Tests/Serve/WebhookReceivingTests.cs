using System.Net;
using System.Text;
using Bot.Evidence.Inbox;
using Bot.GitHub.Webhooks;
using Bot.Tests.Support;

namespace Bot.Tests.Serve;

/// <summary>The receiving edge: what is refused, what is stored, what each answer is.</summary>
public sealed class WebhookReceivingTests
{
    private BotUnderTest _bot = null!;

    [SetUp]
    public async Task SetUp() => _bot = await BotUnderTest.StartAsync();

    [TearDown]
    public async Task TearDown() => await _bot.DisposeAsync();

    private async Task<long> StoredDeliveries() => (await _bot.Store.Inbox.CountByStateAsync()).Values.Sum();

    [Test]
    public async Task Every_answer_says_how_long_intake_took_in_Server_Timing()
    {
        var body = WebhookPayloads.Raw("pull_request", "opened.payload.json");
        var forged = WebhookSignature.Sign(body, Encoding.UTF8.GetBytes("not-the-secret"));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var accepted = await _bot.SendAsync("pull_request", body);
        var seen = clock.Elapsed.TotalMilliseconds;
        var refused = await _bot.SendAsync("pull_request", body, signature: forged);

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(Bot.LoadTest.DeliverySender.ServerTiming(accepted), Is.GreaterThanOrEqualTo(0).And.LessThanOrEqualTo(seen),
            () => $"Server-Timing: {string.Join(", ", accepted.Headers.GetValues("Server-Timing"))}");
        Assert.That(Bot.LoadTest.DeliverySender.ServerTiming(refused), Is.Not.Null);
    }

    [Test]
    public async Task During_a_secret_rotation_a_delivery_signed_with_either_secret_is_accepted()
    {
        await using var rotating = await BotUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["GitHub:WebhookSecret"] = null,
            ["GitHub:WebhookSecrets:0"] = "the-old-secret",
            ["GitHub:WebhookSecrets:1"] = "the-new-secret",
        });
        var body = WebhookPayloads.Raw("ping", "with-app_id.payload.json");
        string SignedWith(string secret) => WebhookSignature.Sign(body, Encoding.UTF8.GetBytes(secret));

        var old = await rotating.SendAsync("ping", body, signature: SignedWith("the-old-secret"));
        var @new = await rotating.SendAsync("ping", body, signature: SignedWith("the-new-secret"));
        var neither = await rotating.SendAsync("ping", body, signature: SignedWith(BotUnderTest.Secret));

        Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(@new.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(neither.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a secret no longer configured is refused");
        Assert.That((await rotating.Store.Inbox.CountByStateAsync()).Values.Sum(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_forged_signature_is_refused_with_401_and_nothing_is_stored()
    {
        var body = WebhookPayloads.Raw("pull_request", "opened.payload.json");
        var forged = WebhookSignature.Sign(body, Encoding.UTF8.GetBytes("not-the-secret"));

        var response = await _bot.SendAsync("pull_request", body, signature: forged);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StoredDeliveries(), Is.Zero);
    }

    [Test]
    public async Task A_signature_for_a_different_body_is_refused()
    {
        var body = WebhookPayloads.Raw("pull_request", "opened.payload.json");
        var other = WebhookSignature.Sign(WebhookPayloads.Raw("pull_request", "closed.payload.json"), Encoding.UTF8.GetBytes(BotUnderTest.Secret));

        var response = await _bot.SendAsync("pull_request", body, signature: other);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StoredDeliveries(), Is.Zero);
    }

    [Test]
    public async Task A_missing_delivery_header_is_400()
    {
        var body = WebhookPayloads.Raw("pull_request", "opened.payload.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(body, Encoding.UTF8.GetBytes(BotUnderTest.Secret)));

        var response = await _bot.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await StoredDeliveries(), Is.Zero);
    }

    [Test]
    public async Task A_body_that_is_not_json_is_400()
    {
        var response = await _bot.SendAsync("pull_request", Encoding.UTF8.GetBytes("this is not json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await StoredDeliveries(), Is.Zero);
    }

    [Test]
    public async Task An_event_the_bot_does_not_act_on_is_202_ignored_and_stored_as_ignored()
    {
        var response = await _bot.SendAsync("ping", WebhookPayloads.Raw("ping", "with-app_id.payload.json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("ignored"));
        var counts = await _bot.Store.Inbox.CountByStateAsync();
        Assert.That(counts[DeliveryState.Ignored], Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_delivery_guid_again_is_200_duplicate_and_stored_once()
    {
        var body = WebhookPayloads.Raw("ping", "with-app_id.payload.json");
        var id = Guid.NewGuid().ToString();

        var first = await _bot.SendAsync("ping", body, id);
        var second = await _bot.SendAsync("ping", body, id);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await second.Content.ReadAsStringAsync(), Does.Contain("duplicate"));
        Assert.That(await StoredDeliveries(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_body_over_the_limit_is_413()
    {
        await using var small = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["GitHub:MaxBodyBytes"] = "1024" });
        var body = Encoding.UTF8.GetBytes("{\"zen\":\"" + new string('a', 4096) + "\"}");

        var response = await small.SendAsync("ping", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task Every_real_fixture_with_a_valid_signature_gets_a_2xx()
    {
        foreach (var (eventName, file) in WebhookPayloads.All())
        {
            var response = await _bot.SendAsync(eventName, WebhookPayloads.Raw(eventName, file));
            Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"{eventName}/{file}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Test]
    public async Task Healthz_and_readyz_answer()
    {
        var health = await _bot.Http.GetAsync("/healthz");
        var ready = await _bot.Http.GetAsync("/readyz");

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ready.Content.ReadAsStringAsync(), Is.EqualTo("ready\n"));
    }
}
