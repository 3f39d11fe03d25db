using System.Net.Http.Headers;
using System.Text;
using Bot.Evidence;
using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.GitHub.Webhooks;
using Bot.Serve;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary><c>bot serve</c> on Kestrel (127.0.0.1, random port) wired to a fake GitHub, with a real SQLite file.
/// Retries are made fast so fault tests finish quickly; nothing else differs from production.</summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    public const string Secret = "test-webhook-secret";

    /// <summary>The evidence chain's key: <c>bot serve</c> does not start without one of at least 32 bytes. The test process
    /// has it in its environment too (<see cref="TestProcessEnvironment"/>), as an operator's shell would, so the CLI
    /// commands run in-process read these stores with it.</summary>
    public const string HmacKey = "bot-under-test-evidence-chain-hmac-key-0123456789";

    /// <summary>Metrics:Token, which <c>/status</c> asks for.</summary>
    public const string MetricsToken = "test-metrics-token-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly string _folder;

    private BotUnderTest(WebApplication app, FakeGitHubServer github, string folder, HttpClient http, CapturedLog log)
    {
        _app = app;
        Log = log;
        GitHub = github;
        _folder = folder;
        Http = http;
    }

    public FakeGitHubServer GitHub { get; }
    public HttpClient Http { get; }

    /// <summary>What the service logged (warnings and above).</summary>
    public CapturedLog Log { get; }
    public string DatabasePath => Path.Combine(_folder, "bot.db");
    public IEvidenceStore Store => _app.Services.GetRequiredService<IEvidenceStore>();

    /// <summary>The store in a database file, through the entry point the commands use, with the chain key the bot under test uses.</summary>
    public static IEvidenceProvider StoreAt(string databasePath) =>
        EvidenceProviders.For(new EvidenceStoreOptions { DatabasePath = databasePath, HmacKey = Encoding.UTF8.GetBytes(HmacKey) });
    public IServiceProvider Services => _app.Services;

    /// <summary>True: disposing stops the service only, so a test can start another on the same fake GitHub (a restart).</summary>
    public bool KeepGitHubRunning { get; set; }

    public static async Task<BotUnderTest> StartAsync(IDictionary<string, string?>? settings = null, FakeGitHubServer? github = null)
    {
        github ??= await FakeGitHubServer.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bot-serve-").FullName;
        var config = new Dictionary<string, string?>
        {
            ["GitHub:ApiBaseUrl"] = github.BaseUrl.ToString().TrimEnd('/'),
            ["GitHub:AppId"] = github.AppId,
            ["GitHub:PrivateKey"] = github.Key.PrivateKeyPkcs8Pem,
            ["GitHub:WebhookSecret"] = Secret,
            ["GitHub:Resilience:BaseDelay"] = "00:00:00.010",
            ["GitHub:Resilience:MaxBackoffDelay"] = "00:00:00.050",
            ["GitHub:Resilience:MaxServerRequestedDelay"] = "00:00:00.100",
            ["GitHub:Resilience:AttemptTimeout"] = "00:00:05",
            ["GitHub:Resilience:BreakerMinimumThroughput"] = "1000",
            ["Evidence:DatabasePath"] = Path.Combine(folder, "bot.db"),
            ["Evidence:HmacKey"] = HmacKey,
            ["Worker:RetryBaseSeconds"] = "0.05",
            ["Worker:PollSeconds"] = "0.05",
            ["Worker:MaxAttempts"] = "3",
            ["Reconcile:Enabled"] = "false",
            ["Reconcile:DeliveriesEnabled"] = "false",

            ["Metrics:Token"] = MetricsToken,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;

        var log = new CapturedLog();
        var app = ServeHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            // Warnings and errors only: test output stays readable, and failures still show why.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddProvider(log);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BotUnderTest(app, github, folder, new HttpClient { BaseAddress = new Uri(address) }, log);
    }

    /// <summary>POSTs a delivery signed with the webhook secret, as GitHub would.</summary>
    public Task<HttpResponseMessage> SendAsync(string eventName, byte[] body, string? deliveryId = null, string? signature = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature ?? WebhookSignature.Sign(body, Encoding.UTF8.GetBytes(Secret)));
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/test");
        return Http.SendAsync(request);
    }

    /// <summary><c>GET /status</c> with the metrics token: the service's own account of its state.</summary>
    public async Task<System.Text.Json.JsonElement> StatusAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsToken);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"/status answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends a signed delivery, expects 202, and waits until the worker has finished everything in the inbox
    /// without a failed delivery.</summary>
    public async Task DeliverAndDrainAsync(string eventName, byte[] body)
    {
        var response = await SendAsync(eventName, body);
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        Assert.That(await EventuallyAsync(async () =>
        {
            var counts = await Store.Inbox.CountByStateAsync();
            return counts[DeliveryState.Pending] == 0 && counts[DeliveryState.Processing] == 0;
        }), Is.True, "the worker did not finish the delivery");
        Assert.That((await Store.Inbox.CountByStateAsync())[DeliveryState.Failed], Is.Zero, "a delivery failed");
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; the bot works in the background.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(25);
        }
        return await condition();
    }

    public static Task<bool> EventuallyAsync(Func<bool> condition, int timeoutSeconds = 30) =>
        EventuallyAsync(() => Task.FromResult(condition()), timeoutSeconds);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (!KeepGitHubRunning) await GitHub.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* harmless leftover */ }
    }
}
