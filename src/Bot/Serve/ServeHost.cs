using Bot.Dashboard;
using Bot.GitHub;
using Bot.Population;
using Bot.Serve.Deliveries;
using Bot.Serve.Evaluation;
using Bot.Serve.Handlers;
using Bot.Serve.Http;
using Bot.Serve.Logging;
using Bot.Serve.MergeQueue;
using Bot.Serve.Overrides;
using Bot.Serve.Options;
using Bot.Serve.Processing;
using Bot.Serve.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Bot.Serve;

/// <summary><c>bot serve</c>: the ASP.NET Core service a GitHub App points its webhook at.
/// Data flows one way: webhook -> inbox -> worker -> fetch -> evaluate -> check run + evidence.</summary>
public static class ServeHost
{
    /// <param name="configure">Lets tests add configuration.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddBotSources(args);
        configure?.Invoke(builder);
        builder.AddBotLogging();

        var services = builder.Services;
        services.AddServeOptions();
        // Bodies beyond GitHub:MaxBodyBytes are refused by Kestrel itself.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GitHubOptions>>((kestrel, github) =>
            kestrel.Limits.MaxRequestBodySize = github.Value.MaxBodyBytes + 1);
        services.AddSingleton(TimeProvider.System);
        services.AddEvidenceStore();
        services.AddGitHubApp();
        services.AddSingleton(provider => new Bot.Core.Model.ServerFacts(provider.GetRequiredService<IOptions<GitHubOptions>>().Value.WebFlowUserId));
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<WebhookBodyReader>();
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
        services.AddSingleton<DeliveryHandler>();
        services.AddSingleton<WorkLeaseKeeper>();
        // Before the workers and passes: hosted services stop in reverse order, so the leases are renewed until they stopped.
        services.AddHostedService<LeaseRenewalService>();
        services.AddHostedService<DeliveryDispatcher>();
        services.AddSingleton<StaleCheckSweep>();
        services.AddSingleton<BranchHistoryReconciler>();
        services.AddSingleton<PopulationReconciler>();
        services.AddSingleton<ReconcileService>();
        services.AddHostedService(provider => provider.GetRequiredService<ReconcileService>());
        services.AddSingleton<RecordedDeliveriesPass>();
        services.AddHostedService<RecordedDeliveriesService>();
        services.AddSingleton<AppCredentialsCheck>();
        services.AddServeHealth();
        builder.AddBotTelemetry();
        builder.AddDashboard();

        ListenWhereUrlsSay(builder);
        var app = builder.BuildValidated();
        try
        {
            var evidence = app.Services.GetRequiredService<IOptions<EvidenceOptions>>().Value;
            if (string.IsNullOrEmpty(evidence.HmacKey))
                app.Logger.LogWarning("Evidence:AllowUnkeyedChain=true: the evidence chain of {DatabasePath} has no HMAC key, so anyone who can write the "
                    + "file can re-hash a changed record; for development only", evidence.DatabasePath);
            // Open the store and load the key before the first request: a bad database or key fails the start, loudly.
            StartupResources.Open(app.Services);
        }
        catch (CannotStartException)
        {
            ((IDisposable)app).Dispose();
            throw;
        }
        app.MapWebhooks();
        app.MapHealth();
        app.MapStatus();
        app.MapExport();
        app.MapBotMetrics();
        app.MapDashboard();
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication? app = null;
        try
        {
            app = Build(args);
            await app.Services.GetRequiredService<AppCredentialsCheck>().RunAsync(CancellationToken.None);
            await StartAsync(app);
        }
        catch (CannotStartException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            if (app is not null) await app.DisposeAsync();
            return 2;
        }
        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }

    /// <summary>Starts the host; an address it cannot listen on (in use, not this machine's) is a start-up error.</summary>
    private static async Task StartAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            // Hosted services (workers) may have started before the server failed to bind: stop them cleanly.
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(stopping.Token);
            throw new CannotStartException(e.Message, e);
        }
    }

    /// <summary>An explicit <c>--urls</c> (or ASPNETCORE_URLS) says where to listen. The ASP.NET container images also set
    /// ASPNETCORE_HTTP_PORTS=8080, which the URLs override anyway, and ASP.NET Core warned "Overriding HTTP_PORTS" on every
    /// start; the ports are cleared so that the one setting in force is the one given.</summary>
    private static void ListenWhereUrlsSay(WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            return;
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, "");
    }
}
