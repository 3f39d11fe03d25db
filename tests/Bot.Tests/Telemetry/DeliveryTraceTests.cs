using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Telemetry;

/// <summary>One trace per delivery: intake → processing (across the inbox) → evaluation → GitHub calls → evidence write,
/// and with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, traces and metrics reach the collector.</summary>
public sealed class DeliveryTraceTests
{
    private const string Repo = "octo/traced";
    [Test]
    public async Task Intake_processing_evaluation_GitHub_calls_and_the_evidence_write_are_one_trace_tagged_with_the_delivery_id()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Bot.Serve" or "Bot.Evidence" or "System.Net.Http" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var bot = await BotUnderTest.StartAsync();
        var head = "c".PadRight(40, '3');
        bot.GitHub.AddRepository(Repo);
        PlainPullRequest.Open(bot, Repo, 7, head);
        var deliveryId = Guid.NewGuid().ToString();

        var response = await bot.SendAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 7, head), deliveryId);
        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        // Both spans are waited for: on a loaded machine the evaluation's span can stop after the processing span is seen.
        Assert.That(await BotUnderTest.EventuallyAsync(() =>
            stopped.Any(a => a.OperationName == "process delivery" && Tag(a) == deliveryId)
            && stopped.Any(a => a.OperationName == "evaluate pull request" && Tag(a) == deliveryId)), Is.True);

        var intake = stopped.Single(a => a.OperationName == "webhook intake" && Tag(a) == deliveryId);
        var trace = stopped.Where(a => a.TraceId == intake.TraceId).ToList();
        var processing = trace.Single(a => a.OperationName == "process delivery");
        var evaluation = trace.Single(a => a.OperationName == "evaluate pull request");
        Assert.Multiple(() =>
        {
            Assert.That(stopped.Single(a => a.SpanId == intake.ParentSpanId).Source.Name, Is.EqualTo("Microsoft.AspNetCore"),
                "intake is a child of the request span");
            Assert.That(processing.ParentSpanId, Is.EqualTo(intake.SpanId), "the worker continues the intake span across the inbox");
            Assert.That(evaluation.ParentSpanId, Is.EqualTo(processing.SpanId));
            Assert.That(Tag(evaluation), Is.EqualTo(deliveryId));
            Assert.That(trace.Where(a => a.Source.Name == "System.Net.Http").Select(a => a.GetTagItem("url.full")?.ToString()),
                Has.Some.Contains($"/repos/{Repo}/pulls/7").And.Some.Contains("/check-runs"), "GitHub calls");
            Assert.That(trace.Where(a => a.OperationName == "evidence append").Select(a => a.GetTagItem("evidence.chain")),
                Has.Member("decisions"), "the evidence write");
        });
    }

    [Test]
    public async Task With_an_OTLP_endpoint_traces_and_metrics_are_exported_to_it()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var deliveryId = Guid.NewGuid().ToString();
        await using (var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        }))
        {
            var head = "d".PadRight(40, '4');
            bot.GitHub.AddRepository(Repo);
            PlainPullRequest.Open(bot, Repo, 8, head);
            var response = await bot.SendAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 8, head), deliveryId);
            Assert.That((int)response.StatusCode, Is.EqualTo(202));
            Assert.That(await BotUnderTest.EventuallyAsync(() => collector.Received("/v1/traces").Contains("evaluate pull request", StringComparison.Ordinal)), Is.True,
                "the evaluation span reached the collector");
        }

        // Protobuf keeps strings as UTF-8 bytes, so names and tag values can be found in the raw requests.
        var traces = collector.Received("/v1/traces");
        Assert.That(traces, Does.Contain("webhook intake").And.Contain("process delivery").And.Contain("evidence append"));
        Assert.That(traces, Does.Contain(deliveryId));
        Assert.That(collector.Received("/v1/metrics"), Does.Contain("bot.webhook.deliveries").And.Contain("bot.evidence.chain.length"));
    }

    private static string? Tag(Activity activity) => activity.GetTagItem("github.delivery.id") as string;

    /// <summary>An OTLP/HTTP collector that keeps what it is sent, on 127.0.0.1.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _requests = new();

        private OtlpCollector(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector._requests.Enqueue((context.Request.Path.Value ?? "", body.ToArray()));
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/x-protobuf";
            });
            await app.StartAsync();
            collector.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return collector;
        }

        public string Received(string path) =>
            string.Concat(_requests.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
