using Bot.Evidence.Export;
using Bot.Population;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Http;

/// <summary><c>GET /api/export?from=&amp;to=&amp;repo=&amp;format=&amp;sample=&amp;seed=&amp;stratify=</c>: the same export as
/// <c>bot export</c>, for a bearer token from <c>Export:ApiToken</c>. No token configured: the endpoint does not exist (404).</summary>
public static class ExportEndpoint
{
    public const string Path = "/api/export";

    public static void MapExport(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, IOptions<ExportOptions> export, IChangeExport store)
    {
        if (!BearerToken.Admit(context, export.Value.ApiToken))
            return;

        if (await ExportResponse.ReadAsync(context, export.Value.WebBaseUrl) is { } request)
            await ExportResponse.StreamAsync(context, store, request);
    }
}
