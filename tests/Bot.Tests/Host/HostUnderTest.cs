using System.Globalization;
using Bot.Core.Model;
using Bot.Evidence.Changes;
using Bot.Evidence.Decisions;
using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.GitHub;
using Bot.Serve;
using Bot.Serve.Intake;
using Bot.Serve.Processing;
using Bot.TestSupport.GitHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Host;

/// <summary>The worker side of <c>bot serve</c> in process, without HTTP: the real handlers, scheduler, evaluator and a real
/// SQLite evidence store in a temporary directory, with <see cref="InMemoryGitHub"/> as GitHub (no Kestrel, no fake GitHub
/// server, no process: a test takes milliseconds). Deliveries are stored the way
/// intake stores them and handed to the <see cref="DeliveryHandler"/> one at a time.</summary>
public sealed class HostUnderTest : IAsyncDisposable
{
    public const string Repo = "octo/app";
    public const long Installation = 1;

    private readonly WebApplication _app;
    private readonly string _directory;

    private HostUnderTest(WebApplication app, string directory, InMemoryGitHub github)
    {
        _app = app;
        _directory = directory;
        GitHub = github;
    }

    public InMemoryGitHub GitHub { get; }

    public IDeliveryInbox Inbox => Get<IDeliveryInbox>();

    public IDecisionLog Decisions => Get<IDecisionLog>();

    public IChangeLog Changes => Get<IChangeLog>();

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>The service as <c>bot serve</c> composes it (ServeHost.Build), never started: no listener, no background
    /// workers; the test hands deliveries to the handler itself.</summary>
    public static HostUnderTest Start(int maxAttempts = 5, string appId = "1")
    {
        var directory = Directory.CreateTempSubdirectory("bot-host-").FullName;
        var github = new InMemoryGitHub();
        var app = ServeHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["GitHub:AppId"] = appId,
                ["GitHub:PrivateKey"] = TestAppKey.Shared.PrivateKeyPkcs8Pem,
                ["GitHub:WebhookSecret"] = "host-tests-webhook-secret",
                ["Evidence:DatabasePath"] = Path.Combine(directory, "bot.db"),
                ["Evidence:HmacKey"] = "host-tests-evidence-chain-hmac-key-0123456789",
                ["Worker:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
                ["Worker:RetryBaseSeconds"] = "60",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // Registered first, so the App's own factory is not added: GitHub is the in-memory one.
            builder.Services.AddSingleton<IInstallationClientFactory>(github);
        });
        return new HostUnderTest(app, directory, github);
    }

    /// <summary>Accepts the delivery as intake does (refused bodies fail the test), then lets the worker handle it once when
    /// it was stored pending.</summary>
    public async Task<string> DeliverAsync(string eventName, byte[] body)
    {
        var deliveryId = await AcceptAsync(eventName, body);
        await WorkAsync();
        return deliveryId;
    }

    /// <summary>Accepts the delivery as intake does (refused bodies fail the test), without working on it.</summary>
    public async Task<string> AcceptAsync(string eventName, byte[] body)
    {
        var deliveryId = Guid.NewGuid().ToString();
        var reading = DeliveryIntake.Read(eventName, deliveryId, body, DateTimeOffset.UtcNow, DeliverySources.Webhook);
        Assert.That(reading.Accepted, Is.Not.Null, reading.Refusal);
        await reading.Accepted!.StoreAsync(Inbox, Get<InboxSignal>(), CancellationToken.None);
        return deliveryId;
    }

    /// <summary>Claims every due delivery and hands each to the handler, one after the other; <paramref name="stopping"/>
    /// is the worker's stop signal.</summary>
    public async Task WorkAsync(CancellationToken stopping = default)
    {
        // The claim is made before the stop, as the dispatcher's is.
        foreach (var claimed in await Inbox.ClaimAsync(100, CancellationToken.None))
            await Get<DeliveryHandler>().HandleAsync(claimed, stopping);
    }

    /// <summary>How many deliveries are in <paramref name="state"/>.</summary>
    public async Task<long> CountAsync(DeliveryState state) => (await Inbox.CountByStateAsync())[state];

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background write: the OS cleans the temporary directory.
        }
    }
}

/// <summary>People of the host tests.</summary>
public static class Users
{
    public static readonly GitHubUser Alice = new(101, "alice");
    public static readonly GitHubUser Bob = new(102, "bob");
    public static readonly GitHubUser Carol = new(103, "carol");
}
