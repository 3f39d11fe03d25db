using Bot.Evidence.Deliveries;
using Bot.FakeGitHub;
using Bot.Serve.Deliveries;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Deliveries;

/// <summary>A bot that can be stopped and started again on the same evidence file and the same fake GitHub, with the deliveries
/// pass on (at start-up; later passes only when a test runs one). The fake keeps GitHub's record of deliveries meanwhile.</summary>
internal sealed class RestartableBot : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Dictionary<string, string?> _settings;

    private RestartableBot(FakeGitHubServer github, string folder, Dictionary<string, string?> settings)
    {
        GitHub = github;
        _folder = folder;
        _settings = settings;
    }

    public FakeGitHubServer GitHub { get; }
    public string DatabasePath => Path.Combine(_folder, "bot.db");

    public static async Task<RestartableBot> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("bot-restart-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Evidence:DatabasePath"] = Path.Combine(folder, "bot.db"),
            ["Reconcile:DeliveriesEnabled"] = "true",
            ["Reconcile:DeliveriesIntervalMinutes"] = "600",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return new RestartableBot(await FakeGitHubServer.StartAsync(), folder, all);
    }

    /// <summary>Starts the service and waits until its start-up deliveries pass has run (it leaves a mark).</summary>
    public async Task<BotUnderTest> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var starting = DateTimeOffset.UtcNow;
        var bot = await BotUnderTest.StartAsync(all, GitHub);
        bot.KeepGitHubRunning = true;
        if (all["Reconcile:DeliveriesEnabled"] == "true")
        {
            Assert.That(await BotUnderTest.EventuallyAsync(async () => await bot.Store.RecordedDeliveries.MarkAsync() is { } mark && mark.PassedAt >= starting),
                Is.True, "the start-up deliveries pass ran");
        }
        return bot;
    }

    public static Task<DeliveriesPassResult> PassAsync(BotUnderTest bot) =>
        bot.Services.GetRequiredService<RecordedDeliveriesPass>().RunAsync(CancellationToken.None);

    public ListedDelivery Delivery(string deliveryId) =>
        BotUnderTest.StoreAt(DatabasePath).Deliveries.List(new DeliveryFilter()).Single(d => d.DeliveryId == deliveryId);

    public async ValueTask DisposeAsync()
    {
        await GitHub.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}

/// <summary>Deliveries as GitHub records them in the fake.</summary>
internal static class RecordedDeliveryExtensions
{
    /// <summary>Sends a signed delivery to the bot, as GitHub would, and records it in GitHub's list with the outcome GitHub
    /// would record (OK for a 2xx).</summary>
    public static async Task<string> SendRecordedAsync(this BotUnderTest bot, string eventName, byte[] body)
    {
        var deliveryId = Guid.NewGuid().ToString();
        var response = await bot.SendAsync(eventName, body, deliveryId);
        var status = (int)response.StatusCode;
        bot.GitHub.RecordDelivery(eventName, body, deliveryId, response.IsSuccessStatusCode ? "OK" : $"Invalid HTTP Response: {status}", status);
        Assert.That(status, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return deliveryId;
    }

    /// <summary>A delivery that never reached the bot: GitHub could not connect.</summary>
    public static string RecordMissed(this FakeGitHubServer github, string eventName, byte[] body, DateTimeOffset? deliveredAt = null,
        bool keepPayload = true) =>
        github.RecordDelivery(eventName, body, status: "failed to connect", statusCode: 0, deliveredAt: deliveredAt, keepPayload: keepPayload).DeliveryGuid;

    /// <summary>Waits until the inbox holds nothing pending or in processing.</summary>
    public static async Task DrainedAsync(this BotUnderTest bot, int timeoutSeconds = 30)
    {
        Assert.That(await BotUnderTest.EventuallyAsync(async () =>
        {
            var counts = await bot.Store.Inbox.CountByStateAsync();
            return counts[Bot.Evidence.Inbox.DeliveryState.Pending] == 0 && counts[Bot.Evidence.Inbox.DeliveryState.Processing] == 0;
        }, timeoutSeconds), Is.True, "the worker did not finish the inbox");
    }
}
