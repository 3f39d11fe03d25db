using Bot.Evidence.Storage;
using Bot.GitHub.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bot.Serve.Telemetry;

/// <summary>OpenTelemetry for <c>bot serve</c>: our meters, ASP.NET Core's, HttpClient's and the runtime's, scraped at
/// <c>GET /metrics</c> (see <see cref="MetricsEndpoint"/>); with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, metrics, traces and
/// logs also go over OTLP (the standard <c>OTEL_*</c> variables apply: protocol, headers, sampler, export interval).</summary>
public static class TelemetryRegistration
{
    public const string ServiceName = "ai-change-control-bot";

    public static void AddBotTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Bound for its readers with the other options (AddServeOptions); the port is needed now, to listen on it.
        var metrics = Options.ServeOptionsRegistration.ReadNow<MetricsOptions>(builder.Configuration, MetricsOptions.Section);
        if (metrics.Port is { } port) MetricsEndpoint.AddListenUrl(builder, port, metrics.Host);

        builder.Services.AddSingleton<ServeMetrics>();
        builder.Services.AddSingleton<DeliveryTraceContexts>();

        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_SERVICE_NAME"]))
            telemetry.ConfigureResource(resource => resource.AddService(ServiceName));
        telemetry.WithMetrics(meters => meters
            .AddMeter(ServeMetrics.MeterName, GitHubMetrics.MeterName, "System.Runtime")
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddPrometheusExporter());

        // Traces only have somewhere to go over OTLP; without an endpoint no tracer listens, so intake starts no
        // activities at all (the 2,000 deliveries/s path stays as it was).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(traces => traces
                .AddSource(ServeTelemetry.SourceName, EvidenceTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !MetricsEndpoint.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation());
            telemetry.UseOtlpExporter();
        }
    }
}
