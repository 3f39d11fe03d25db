namespace Bot.Serve.Http;

/// <summary><c>/healthz</c>: the process is up. <c>/readyz</c>: it can take deliveries now (see <see cref="Readiness"/>).
/// Both answer anyone, so they say no more than that: no App id, no paths, no exception text. The reasons are in the
/// log and on <c>/status</c>.</summary>
public static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async (Readiness readiness, CancellationToken cancellationToken) =>
            (await readiness.CheckAsync(cancellationToken)).Ready
                ? Results.Text("ready\n")
                : Results.Text("not ready\n", statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
