using Bot.Serve.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Telemetry;

/// <summary><c>GET /metrics</c> in Prometheus text format, optionally behind <c>Metrics:Token</c> and optionally on a port
/// of its own (<c>Metrics:Port</c>), which then answers nothing else.</summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void MapBotMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Port is { } port)
        {
            // By the port the request came in on, not the Host header (which a proxy or a client may set to anything).
            app.Use(async (context, next) =>
            {
                if ((context.Connection.LocalPort == port) != (context.Request.Path == Path))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                await next(context);
            });
        }

        var token = options.Token;
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch =>
        {
            if (string.IsNullOrEmpty(token)) return;
            branch.Use(async (context, next) =>
            {
                if (!BearerToken.Matches(context.Request.Headers.Authorization.ToString(), token))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    return;
                }
                await next(context);
            });
        }, optionsName: null).DisableHttpMetrics();
    }

    /// <summary>Scrapes and health probes are not worth a trace each.</summary>
    public static bool IsProbe(PathString path) => path == Path || path == "/healthz" || path == "/readyz";

    /// <summary>Adds the metrics port to the addresses the service listens on. Kestrel takes its addresses from one place,
    /// so the service's own (<c>--urls</c>/<c>ASPNETCORE_URLS</c>, else <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c>, else ASP.NET
    /// Core's default) are written out together with it.</summary>
    public static void AddListenUrl(WebApplicationBuilder builder, int port, string host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
        {
            var ports = Ports(configuration[WebHostDefaults.HttpPortsKey], "http").Concat(Ports(configuration[WebHostDefaults.HttpsPortsKey], "https")).ToList();
            urls = ports.Count > 0 ? string.Join(';', ports) : "http://localhost:5000";
            // Written into the URLs now; left set, ASP.NET Core would warn that the URLs override them.
            configuration[WebHostDefaults.HttpPortsKey] = null;
            configuration[WebHostDefaults.HttpsPortsKey] = null;
        }
        builder.WebHost.UseUrls($"{urls};http://{host}:{port}");
    }

    private static IEnumerable<string> Ports(string? list, string scheme) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");
}
