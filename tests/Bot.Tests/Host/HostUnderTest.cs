using Bot.Core.Model;
using Bot.Evidence.Changes;
using Bot.Evidence.Decisions;
using Bot.Evidence.Inbox;
using Bot.GitHub;
using Bot.Population;
using Bot.Serve;
using Bot.Serve.Evaluation;
using Bot.Serve.Handlers;
using Bot.Serve.Intake;
using Bot.Serve.MergeQueue;
using Bot.Serve.Overrides;
using Bot.Serve.Processing;
using Bot.Serve.Telemetry;
using Bot.TestSupport.GitHub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Host;

/// <summary>The worker side of <c>bot serve</c> in process, without HTTP: the real handlers, scheduler, evaluator and a real
/// SQLite evidence store in a temporary directory, with <see cref="InMemoryGitHub"/> as GitHub. Deliveries are stored the way
/// intake stores them and handed to the <see cref="DeliveryHandler"/> one at a time.</summary>
public sealed class HostUnderTest : IAsyncDisposable
{
    public const string Repo = "octo/app";
    public const long Installation = 1;

    private readonly ServiceProvider _services;
    private readonly string _directory;

    private HostUnderTest(ServiceProvider services, string directory, InMemoryGitHub github)
    {
        _services = services;
        _directory = directory;
        GitHub = github;
    }

    public InMemoryGitHub GitHub { get; }

    public IDeliveryInbox Inbox => Get<IDeliveryInbox>();

    public IDecisionLog Decisions => Get<IDecisionLog>();

    public IChangeLog Changes => Get<IChangeLog>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static HostUnderTest Start(Action<WorkerOptions>? worker = null, string appId = "1")
    {
        var directory = Path.Combine(Path.GetTempPath(), $"bot-host-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var github = new InMemoryGitHub();
        var workerOptions = new WorkerOptions { RetryBaseSeconds = 60 };
        worker?.Invoke(workerOptions);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(workerOptions));
        services.AddSingleton(Options.Create(new GitHubOptions { AppId = appId }));
        services.AddSingleton(Options.Create(new PolicyOptions()));
        services.AddSingleton(Options.Create(new ChecksOptions()));
        services.AddEvidenceStore(new EvidenceOptions { DatabasePath = Path.Combine(directory, "bot.db"), HmacKey = "host-tests-key-of-at-least-32-bytes!" });
        services.AddSingleton(new ServerFacts(ServerFacts.GitHubComWebFlowUserId));
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<ServeMetrics>();
        services.AddSingleton<PolicyCache>();
        services.AddSingleton<PolicyResolver>();
        services.AddSingleton<HeadInputsCache>();
        services.AddSingleton<TeamMembershipCache>();
        services.AddSingleton<CheckRunPublisher>();
        services.AddSingleton<PullRequestEvaluator>();
        services.AddSingleton<PullRequestScheduler>();
        services.AddSingleton<ChangeRecorder>();
        services.AddSingleton<OverrideCommandHandler>();
        services.AddSingleton<MergeGroupFacts>();
        services.AddSingleton<MergeGroupEvaluator>();
        services.AddWebhookHandlers();
        services.AddSingleton<IInstallationClientFactory>(github); // instead of the App's
        services.AddSingleton<DeliveryHandler>();
        return new HostUnderTest(services.BuildServiceProvider(), directory, github);
    }

    /// <summary>Accepts the delivery as intake does (refused bodies fail the test), then lets the worker handle it once when
    /// it was stored pending.</summary>
    public async Task<string> DeliverAsync(string eventName, byte[] body)
    {
        var deliveryId = Guid.NewGuid().ToString();
        var reading = DeliveryIntake.Read(eventName, deliveryId, body, DateTimeOffset.UtcNow, DeliverySources.Webhook);
        Assert.That(reading.Accepted, Is.Not.Null, reading.Refusal);
        await reading.Accepted!.StoreAsync(Inbox, Get<InboxSignal>(), CancellationToken.None);
        await WorkAsync();
        return deliveryId;
    }

    /// <summary>Claims every due delivery and hands each to the handler, one after the other.</summary>
    public async Task WorkAsync()
    {
        foreach (var claimed in await Inbox.ClaimAsync(100))
            await Get<DeliveryHandler>().HandleAsync(claimed, CancellationToken.None);
    }

    /// <summary>How many deliveries are in <paramref name="state"/>.</summary>
    public async Task<long> CountAsync(DeliveryState state) => (await Inbox.CountByStateAsync())[state];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
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
