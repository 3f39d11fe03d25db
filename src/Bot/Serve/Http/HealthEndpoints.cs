using Bot.Evidence;
using Bot.GitHub;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Http;

/// <summary><c>/healthz</c>: the process is up. <c>/readyz</c>: the evidence database answers, the last evidence write
/// did not fail, and the App key is loaded.</summary>
public static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async (EvidenceStore store, GitHubApp github, IOptions<GitHubOptions> options, IOptions<WorkerOptions> workers,
            CancellationToken cancellationToken) =>
        {
            try
            {
                // Resolving GitHubApp loaded and parsed the private key; it is never constructed without one.
                _ = github;
                var counts = await store.CountDeliveriesByStateAsync(cancellationToken);
                var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key.ToString().ToLowerInvariant()} {c.Value}"));
                if (ServiceHealth.For(store).StoreProblem is { } problem)
                    return Results.Text($"not ready: {problem}; deliveries wait in the inbox ({summary})\n", statusCode: StatusCodes.Status503ServiceUnavailable);
                // Still ready without workers (webhooks are taken in), but an operator must see that nothing is evaluated.
                var paused = workers.Value.Enabled ? "" : "; workers disabled (Worker:Enabled=false): deliveries are kept, not evaluated";
                return Results.Text($"ready: database ok ({summary}), app key loaded for app {options.Value.AppId}{paused}\n");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Text($"not ready: evidence database: {e.Message}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }
}
