using System.Text;
using Bot.Evidence;
using Bot.GitHub;
using Bot.Population;
using Bot.Serve.Evaluation;
using Bot.Serve.Http;
using Bot.Serve.Overrides;
using Bot.Serve.Processing;

namespace Bot.Serve;

/// <summary><c>bot serve</c>: the ASP.NET Core service a GitHub App points its webhook at.
/// Data flows one way: webhook -> inbox -> worker -> fetch -> evaluate -> check run + evidence.</summary>
public static class ServeHost
{
    /// <param name="configure">Lets tests add configuration.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        configure?.Invoke(builder);

        var github = Bind<GitHubOptions>(builder, GitHubOptions.Section);
        StartupCheck.Require(github);
        var evidence = Bind<EvidenceOptions>(builder, EvidenceOptions.Section);
        Bind<PolicyOptions>(builder, PolicyOptions.Section);
        Bind<ChecksOptions>(builder, ChecksOptions.Section);
        Bind<WorkerOptions>(builder, WorkerOptions.Section);
        Bind<ReconcileOptions>(builder, ReconcileOptions.Section);
        Bind<ExportOptions>(builder, ExportOptions.Section);

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = github.MaxBodyBytes + 1);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => EvidenceStore.Open(new EvidenceStoreOptions
        {
            DatabasePath = evidence.DatabasePath,
            HmacKey = string.IsNullOrEmpty(evidence.HmacKey) ? null : Encoding.UTF8.GetBytes(evidence.HmacKey),
        }));
        services.AddSingleton(provider => new GitHubApp(new GitHubAppOptions
        {
            BaseUrl = new Uri(github.ApiBaseUrl),
            AppId = github.AppId!,
            PrivateKeyPem = string.IsNullOrWhiteSpace(github.PrivateKey) ? null : github.PrivateKey,
            PrivateKeyPath = string.IsNullOrWhiteSpace(github.PrivateKey) ? github.PrivateKeyPath : null,
            UserAgent = github.UserAgent,
            Resilience = github.Resilience,
        }));
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<PolicyResolver>();
        services.AddSingleton<CheckRunPublisher>();
        services.AddSingleton<PullRequestEvaluator>();
        services.AddSingleton<PullRequestScheduler>();
        services.AddSingleton<ChangeRecorder>();
        services.AddSingleton<OverrideCommandHandler>();
        services.AddSingleton<DeliveryHandler>();
        services.AddHostedService<DeliveryDispatcher>();
        services.AddSingleton<StaleCheckSweep>();
        services.AddSingleton<BranchHistoryReconciler>();
        services.AddSingleton<PopulationReconciler>();
        services.AddSingleton<ReconcileService>();
        services.AddHostedService(provider => provider.GetRequiredService<ReconcileService>());

        var app = builder.Build();
        // Open the store and load the key before the first request: a bad database or key fails the start, loudly.
        app.Services.GetRequiredService<EvidenceStore>();
        app.Services.GetRequiredService<GitHubApp>();
        WebhookEndpoint.Map(app);
        HealthEndpoints.Map(app);
        ExportEndpoint.Map(app);
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (MissingConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        await app.RunAsync();
        return 0;
    }

    private static T Bind<T>(WebApplicationBuilder builder, string section) where T : class, new()
    {
        var options = new T();
        builder.Configuration.GetSection(section).Bind(options);
        builder.Services.Configure<T>(builder.Configuration.GetSection(section));
        return options;
    }
}
