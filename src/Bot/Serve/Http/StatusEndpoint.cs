using System.Reflection;
using Bot.Evidence.Health;
using Bot.Evidence.Inbox;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Http;

/// <summary><c>GET /status</c> with <c>Authorization: Bearer</c> <c>Metrics:Token</c>: what <c>/readyz</c> keeps to itself,
/// for an operator. Why the service is or is not ready, the inbox by state, whether workers run, and what the start-up
/// check of the App credentials found. No token configured: the endpoint is off (404).</summary>
public static class StatusEndpoint
{
    public const string Path = "/status";

    private static readonly string Version =
        typeof(StatusEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static void MapStatus(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, IOptions<MetricsOptions> metrics, Readiness readiness, IDeliveryInbox inbox, IStoreHealth storeHealth,
        IOptions<ReadinessOptions> limits, IOptions<WorkerOptions> workers, IOptions<GitHubOptions> github, AppCredentialsCheck credentials)
    {
        if (!BearerToken.Admit(context, metrics.Value.Token))
            return;
        var report = await readiness.CheckAsync(context.RequestAborted);
        var counts = await inbox.CountByStateAsync(context.RequestAborted);
        var status = new ServiceStatus(
            report.Ready,
            report.Problems,
            counts.ToDictionary(c => c.Key.ToString().ToLowerInvariant(), c => c.Value),
            limits.Value.MaxPendingDeliveries,
            workers.Value.Enabled,
            github.Value.AppId,
            credentials.Result,
            storeHealth.Location,
            Version);
        await context.Response.WriteAsJsonAsync(status, ServeJsonContext.Default.ServiceStatus, contentType: null, context.RequestAborted);
    }
}

/// <summary>The body of <c>/status</c>.</summary>
public sealed record ServiceStatus(
    bool Ready,
    IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, long> Deliveries,
    long MaxPendingDeliveries,
    bool WorkersEnabled,
    string? AppId,
    AppCredentialsResult? AppCredentials,
    string Database,
    string Version);
