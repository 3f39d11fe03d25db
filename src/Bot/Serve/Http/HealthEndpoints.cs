using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Serve.Http;

/// <summary><c>/healthz</c>: the process is up (liveness: no check runs). <c>/readyz</c>: it can take deliveries now (the
/// checks tagged <see cref="ReadyTag"/>: <see cref="Readiness"/>, from the store and the workers' state). Both answer
/// anyone, so they say no more than that: no App id, no paths, no exception text. The reasons are in the log and on
/// <c>/status</c>.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddServeHealth(this IServiceCollection services)
    {
        services.AddSingleton<ServiceHealth>();
        services.AddSingleton<Readiness>();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("readiness", tags: [ReadyTag]);
        // Readiness logs each change once with its reason; the health-check service would log an error on every probe
        // (load balancers probe every few seconds) for as long as the service is not ready.
        services.Configure<LoggerFilterOptions>(filters =>
            filters.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical));
        return services;
    }

    public static void MapHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", Terse(_ => false, "ok\n", "not ok\n"));
        app.MapHealthChecks("/readyz", Terse(check => check.Tags.Contains(ReadyTag), "ready\n", "not ready\n"));
    }

    private static HealthCheckOptions Terse(Func<HealthCheckRegistration, bool> checks, string healthy, string unhealthy) => new()
    {
        Predicate = checks,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = (context, report) =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(report.Status == HealthStatus.Healthy ? healthy : unhealthy, context.RequestAborted);
        },
    };

    /// <summary>Not ready while <see cref="Readiness"/> finds a problem; the problems stay off the anonymous answer.</summary>
    private sealed class ReadinessCheck(Readiness readiness) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var report = await readiness.CheckAsync(cancellationToken);
            return report.Ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(string.Join("; ", report.Problems));
        }
    }
}
