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

    /// <summary>The query parameters given at most once; <c>repo</c> may repeat.</summary>
    private static readonly string[] SingleParameters = ["from", "to", "format", "sample", "seed", "stratify"];

    public static void MapExport(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, IOptions<ExportOptions> export, IChangeExport store)
    {
        if (!BearerToken.Admit(context, export.Value.ApiToken))
            return;

        ExportRequest request;
        try
        {
            var query = context.Request.Query;
            RequireKnownParameters(query);
            request = ExportArguments.Parse(query["from"], query["to"], [.. query["repo"].OfType<string>()], query["format"],
                query["sample"], query["seed"], query["stratify"], export.Value.WebBaseUrl);
        }
        catch (ArgumentException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(e.Message + "\n", context.RequestAborted);
            return;
        }

        context.Response.ContentType = ExportArguments.ContentType(request.Format);
        // The exporter streams synchronously from the store; it runs off the request thread and writes straight to the body.
        context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        await Task.Run(() => store.Export(request, context.Response.Body), context.RequestAborted);
    }

    /// <summary>Every parameter is one the export knows, and only <c>repo</c> comes more than once: a misspelt filter
    /// (<c>repos=</c>) silently ignored would export a population other than the one asked for.</summary>
    private static void RequireKnownParameters(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (name.Equals("repo", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!SingleParameters.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"unknown parameter '{name}' (known: {string.Join(", ", SingleParameters)}, repo).");
            if (values.Count > 1)
                throw new ArgumentException($"{name} is given {values.Count} times; give it once.");
        }
    }
}
