using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Bot.FakeGitHub;
using Bot.GitHub.Webhooks;
using Bot.Tests.Support;

namespace Bot.Tests.Telemetry;

/// <summary><c>GET /metrics</c> after real deliveries through the webhook path: every instrument an operator relies on moves,
/// and the token and separate-port variants keep the endpoint where it belongs.</summary>
public sealed class MetricsEndpointTests
{
    private const string Repo = "octo/metrics";

    private static async Task<PrometheusText> ScrapeAsync(HttpClient http, string? token = BotUnderTest.MetricsToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain").Or.EqualTo("application/openmetrics-text"));
        return PrometheusText.Parse(text);
    }

    [Test]
    public async Task A_scrape_after_a_few_deliveries_shows_intake_evaluations_latency_GitHub_calls_rate_limit_inbox_and_chains()
    {
        await using var bot = await BotUnderTest.StartAsync();
        bot.GitHub.AddRepository(Repo);
        var head = "a".PadRight(40, '1');
        PlainPullRequest.Open(bot, Repo, 1, head);

        // The same pull request three times: every read after the first is conditional (If-None-Match) and answered 304. Each
        // evaluation reads the pull request once (policy.md §1; the commits read after the files show that the head did not move
        // meanwhile, so no second read: this was 2 reads per evaluation, 5 304s).
        for (var i = 0; i < 3; i++)
            await bot.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("synchronize", Repo, 1, head));
        var body = WebhookPayloads.Raw("pull_request", "opened.payload.json");
        var forged = await bot.SendAsync("pull_request", body, signature: WebhookSignature.Sign(body, Encoding.UTF8.GetBytes("not-the-secret")));
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var metrics = await ScrapeAsync(bot.Http);

        Assert.Multiple(() =>
        {
            Assert.That(metrics.Sum("bot_webhook_deliveries_total", ("event", "pull_request"), ("answer", "accepted")), Is.EqualTo(3));
            Assert.That(metrics.Sum("bot_webhook_deliveries_total", ("event", "pull_request"), ("answer", "bad_signature")), Is.EqualTo(1));
            Assert.That(metrics.Sum("bot_evaluations_total", ("conclusion", "pending")), Is.EqualTo(3), "no review yet: pending");
            Assert.That(metrics.Sum("bot_delivery_check_run_latency_seconds_count"), Is.EqualTo(3));
            Assert.That(metrics.Sum("bot_delivery_check_run_latency_seconds_sum"), Is.GreaterThan(0));
            Assert.That(metrics.Sum("bot_github_requests_total", ("method", "GET"), ("endpoint", "/repos/{owner}/{repo}/pulls/{}"), ("status", "200")),
                Is.EqualTo(1), "the first read of the pull request");
            Assert.That(metrics.Sum("bot_github_requests_total", ("method", "GET"), ("endpoint", "/repos/{owner}/{repo}/pulls/{}"), ("status", "304")),
                Is.EqualTo(2), "the later reads (3 evaluations x 1 read, less the first) were answered from the ETag cache, counted apart");
            Assert.That(metrics.Sum("bot_github_requests_total", ("method", "POST"), ("endpoint", "/app/installations/{}/access_tokens")), Is.EqualTo(1));
            Assert.That(metrics.Sum("bot_github_rate_limit_remaining", ("installation", "1")), Is.EqualTo(bot.GitHub.RateLimitRemaining("1")));
            Assert.That(bot.GitHub.RateLimitRemaining("1"), Is.LessThan(FakeGitHubServer.RateLimit));
            Assert.That(metrics.Sum("bot_inbox_deliveries", ("state", "pending")), Is.Zero);
            Assert.That(metrics.Sum("bot_inbox_deliveries", ("state", "failed")), Is.Zero);
            Assert.That(metrics.Find("bot_inbox_oldest_pending_age_seconds").Single().Value, Is.Zero);
            Assert.That(metrics.Sum("bot_evidence_chain_length", ("chain", "decisions")), Is.EqualTo(3));
            Assert.That(metrics.Sum("bot_evidence_chain_length", ("chain", "changes")), Is.Zero);
            Assert.That(metrics.Find("http_server_request_duration_seconds_count").Any(), Is.True, "ASP.NET Core's own instruments");
        });
    }

    [Test]
    public async Task Pending_deliveries_show_as_inbox_depth_and_age_while_workers_are_paused_and_failed_ones_are_counted()
    {
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["Worker:Enabled"] = "false" });
        for (var i = 0; i < 2; i++)
        {
            var response = await bot.SendAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 10 + i, "b".PadRight(40, '2')));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }
        await Task.Delay(1100); // the oldest one has waited at least a second

        var metrics = await ScrapeAsync(bot.Http);

        Assert.That(metrics.Sum("bot_inbox_deliveries", ("state", "pending")), Is.EqualTo(2));
        Assert.That(metrics.Find("bot_inbox_oldest_pending_age_seconds").Single().Value, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task With_a_token_the_scrape_needs_it()
    {
        const string token = "metrics-token-0123456789abcdef0123456789";
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["Metrics:Token"] = token });

        using var anonymous = await bot.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token + "x") } };
        using var wrongResponse = await bot.Http.SendAsync(wrong);

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(anonymous.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        Assert.That(await anonymous.Content.ReadAsStringAsync(), Does.Not.Contain("bot_"));
        Assert.That(wrongResponse.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var metrics = await ScrapeAsync(bot.Http, token);
        Assert.That(metrics.Find("bot_evidence_chain_length").Any(), Is.True);
    }

    [Test]
    public async Task On_a_port_of_its_own_metrics_are_only_there_and_that_port_serves_nothing_else()
    {
        var port = FreePort();
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Metrics:Host"] = "127.0.0.1",
        });
        using var metricsPort = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var onServicePort = await bot.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var healthOnMetricsPort = await metricsPort.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var healthOnServicePort = await bot.Http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.That(onServicePort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(healthOnMetricsPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(healthOnServicePort.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var metrics = await ScrapeAsync(metricsPort);
        Assert.That(metrics.Find("bot_evidence_chain_length").Any(), Is.True);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
