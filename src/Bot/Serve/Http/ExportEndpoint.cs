using System.Text;
using Bot.Evidence.Export;
using Bot.Population;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Http;

/// <summary><c>GET /api/export?from=&amp;to=&amp;repo=&amp;format=&amp;sample=&amp;seed=&amp;stratify=</c>: the same export as
/// <c>bot export</c>, for a bearer token from <c>Export:ApiToken</c>. No token configured: the endpoint does not exist (404).</summary>
public static class ExportEndpoint
{
    public const string Path = "/api/export";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, IOptions<ExportOptions> export, IOptions<EvidenceOptions> evidence)
    {
        var token = export.Value.ApiToken;
        if (string.IsNullOrEmpty(token))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!BearerToken.Matches(context.Request.Headers.Authorization.ToString(), token))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        ExportRequest request;
        try
        {
            var query = context.Request.Query;
            request = ExportArguments.Parse(query["from"], query["to"], [.. query["repo"].OfType<string>()], query["format"],
                query["sample"], query["seed"], query["stratify"], export.Value.WebBaseUrl);
        }
        catch (ArgumentException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(e.Message + "\n", context.RequestAborted);
            return;
        }

        context.Response.ContentType = ExportArguments.ContentType(request.Format);
        // The exporter streams synchronously from SQLite; it runs off the request thread and writes straight to the body.
        context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        var key = string.IsNullOrEmpty(evidence.Value.HmacKey) ? null : Encoding.UTF8.GetBytes(evidence.Value.HmacKey);
        await Task.Run(() => ChangeExporter.Export(evidence.Value.DatabasePath, key, request, context.Response.Body), context.RequestAborted);
    }
}
