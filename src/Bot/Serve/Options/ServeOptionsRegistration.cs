using Bot.Population;
using Bot.Serve.Deliveries;
using Bot.Serve.Http;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Options;

/// <summary>Every settings section of <c>bot serve</c>, bound once from configuration and validated when the service starts
/// (<c>ValidateOnStart</c>): a setting of the wrong type or a missing or weak secret ends the start with one
/// "cannot start" line, before any request is taken.</summary>
public static class ServeOptionsRegistration
{
    public static void AddServeOptions(this IServiceCollection services)
    {
        Add<GitHubOptions>(services, GitHubOptions.Section).Services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidation>();
        Add<EvidenceOptions>(services, EvidenceOptions.Section).Services.AddSingleton<IValidateOptions<EvidenceOptions>, EvidenceOptionsValidation>();
        Add<ExportOptions>(services, ExportOptions.Section).Services.AddSingleton<IValidateOptions<ExportOptions>, ExportOptionsValidation>();
        Add<PolicyOptions>(services, PolicyOptions.Section);
        Add<ChecksOptions>(services, ChecksOptions.Section);
        Add<WorkerOptions>(services, WorkerOptions.Section);
        Add<ReconcileOptions>(services, ReconcileOptions.Section);
        Add<RecordedDeliveriesOptions>(services, RecordedDeliveriesOptions.Section);
        Add<ReadinessOptions>(services, ReadinessOptions.Section);
        Add<MetricsOptions>(services, MetricsOptions.Section);
        services.AddSingleton<IConfigureOptions<Bot.GitHub.GitHubAppOptions>, GitHubAppOptionsSetup>();
    }

    /// <summary>Builds the host and binds and validates every section now, so that a bad setting is the start-up error it
    /// is and not a failure of whatever reads the setting first (building the host already reads Kestrel's limits).</summary>
    /// <exception cref="CannotStartException">A setting cannot be bound (wrong type) or is invalid.</exception>
    public static WebApplication BuildValidated(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        WebApplication? app = null;
        try
        {
            app = builder.Build();
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return app;
        }
        catch (Exception e) when (Reason(e) is { } reason)
        {
            (app as IDisposable)?.Dispose();
            throw reason;
        }
    }

    private static CannotStartException? Reason(Exception e) => e switch
    {
        OptionsValidationException invalid => new MissingConfigurationException([.. invalid.Failures]),
        AggregateException all when all.InnerExceptions.All(inner => inner is OptionsValidationException) =>
            new MissingConfigurationException([.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures)]),
        // A value of the wrong type ("Worker:Concurrency=eight"): the binder's message names the key and the value.
        InvalidOperationException wrongType => new CannotStartException(wrongType.Message, wrongType),
        _ => null,
    };

    /// <summary>A section read while the host is being built, for the few settings that decide what is registered (the
    /// metrics port, whether the dashboard exists); every other reader takes <c>IOptions&lt;T&gt;</c>.</summary>
    /// <exception cref="CannotStartException">A value of the wrong type.</exception>
    public static T ReadNow<T>(IConfiguration configuration, string section) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new CannotStartException(e.Message, e);
        }
    }

    private static OptionsBuilder<T> Add<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
}
