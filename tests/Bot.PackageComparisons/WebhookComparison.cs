using System.Text;
using BenchmarkDotNet.Attributes;
using Bot.GitHub.Webhooks;
using Microsoft.Extensions.Primitives;
using Octokit.Webhooks;

namespace Bot.PackageComparisons;

/// <summary>Octokit.Webhooks 4.2.3 models against ours (Bot.GitHub.Webhooks) on the real <c>pull_request</c> fixtures.</summary>
internal static class WebhookComparison
{
    public static byte[][] Fixtures() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];

    public static int Behaviour()
    {
        var processor = new Processor();
        var headers = new Dictionary<string, StringValues> { ["X-GitHub-Event"] = "pull_request", ["X-GitHub-Delivery"] = "1" };
        var opened = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "opened.payload.json"));
        var unknown = opened.Replace("\"action\": \"opened\"", "\"action\": \"some_future_action\"", StringComparison.Ordinal);
        if (unknown == opened) throw new InvalidOperationException("fixture's action not found");

        Console.WriteLine($"fixtures: {Fixtures().Length} pull_request deliveries, {Fixtures().Sum(f => f.Length) / Fixtures().Length} bytes on average");
        Console.WriteLine("-- unknown action (\"some_future_action\") --");
        Console.WriteLine($"ours, intake route: {Describe(() => WebhookEnvelope.Route("pull_request", Encoding.UTF8.GetBytes(unknown)))}");
        Console.WriteLine($"ours, typed parse:  {Describe(() => WebhookEnvelope.Parse("pull_request", Encoding.UTF8.GetBytes(unknown)))}");
        Console.WriteLine($"Octokit.Webhooks DeserializeWebhookEvent: {Describe(() => processor.DeserializeWebhookEvent(WebhookHeaders.Parse(headers), unknown))}");
        Console.WriteLine($"Octokit.Webhooks ProcessWebhookAsync:     {Describe(() => { processor.ProcessWebhookAsync(headers, unknown).AsTask().GetAwaiter().GetResult(); return processor.Seen; })}");

        Console.WriteLine("-- no secret configured --");
        var signature = WebhookSignature.Sign(Encoding.UTF8.GetBytes(opened), "s3cret"u8);
        Console.WriteLine($"ours, Verify with an empty secret:           {Describe(() => WebhookSignature.Verify(Encoding.UTF8.GetBytes(opened), null, ReadOnlySpan<byte>.Empty))}");
        Console.WriteLine($"Octokit.Webhooks, unsigned body, no secret:  {Describe(() => WebhookSignatureValidator.Verify(null, null, opened))}");
        Console.WriteLine($"Octokit.Webhooks, signed body, no secret:    {Describe(() => WebhookSignatureValidator.Verify(signature, null, opened))}");
        Console.WriteLine($"Octokit.Webhooks, unsigned body, secret set: {Describe(() => WebhookSignatureValidator.Verify(null, "s3cret", opened))}");
        Console.WriteLine($"Octokit.Webhooks, signed body, secret set:   {Describe(() => WebhookSignatureValidator.Verify(signature, "s3cret", opened))}");
        return 0;
    }

    private static string Describe(Func<object?> call)
    {
        try
        {
            return call() switch
            {
                WebhookIntakeResult r => r.Route is { } route ? $"route {route}" : $"refused: {r.Failure}",
                WebhookParseResult.Parsed p => $"parsed {p.Event.GetType().Name} (action {p.Event.Action}); routed: {WebhookRouting.Classify(p.Event)}",
                var other => other?.ToString() ?? "null",
            };
        }
        catch (Exception e)
        {
            return $"throws {e.GetType().Name}: {e.Message}";
        }
    }

    private sealed class Processor : WebhookEventProcessor
    {
        public string Seen { get; private set; } = "nothing";

        protected override ValueTask ProcessPullRequestWebhookAsync(WebhookHeaders headers, Octokit.Webhooks.Events.PullRequestEvent pullRequestEvent,
            Octokit.Webhooks.Events.PullRequest.PullRequestAction action, CancellationToken cancellationToken = default)
        {
            Seen = $"dispatched {pullRequestEvent.GetType().Name}, action {action}";
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Parse cost per <c>pull_request</c> delivery (the body as it arrives: UTF-8 bytes), all fixtures per operation.</summary>
[MemoryDiagnoser]
public class WebhookParseBenchmarks
{
    private static readonly Dictionary<string, StringValues> Headers = new() { ["X-GitHub-Event"] = "pull_request", ["X-GitHub-Delivery"] = "1" };
    private byte[][] _bodies = [];
    private readonly WebhookEventProcessor _processor = new NoOp();
    private readonly WebhookHeaders _headers = WebhookHeaders.Parse(Headers);

    [GlobalSetup]
    public void Setup() => _bodies = WebhookComparison.Fixtures();

    [Benchmark(Baseline = true, Description = "ours: intake route (what bot serve does)")]
    public int Ours_route()
    {
        var n = 0;
        foreach (var body in _bodies)
            n += WebhookEnvelope.Route("pull_request", body).Route is null ? 0 : 1;
        return n;
    }

    [Benchmark(Description = "ours: full typed parse")]
    public int Ours_parse()
    {
        var n = 0;
        foreach (var body in _bodies)
            n += WebhookEnvelope.Parse("pull_request", body) is WebhookParseResult.Parsed ? 1 : 0;
        return n;
    }

    [Benchmark(Description = "Octokit.Webhooks: DeserializeWebhookEvent(UTF-8 decoded body)")]
    public int Octokit_parse()
    {
        var n = 0;
        foreach (var body in _bodies)
            n += _processor.DeserializeWebhookEvent(_headers, Encoding.UTF8.GetString(body)) is null ? 0 : 1;
        return n;
    }

    private sealed class NoOp : WebhookEventProcessor;
}
