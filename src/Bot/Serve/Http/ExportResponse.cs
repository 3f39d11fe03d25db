using Bot.Evidence.Export;
using Bot.Population;
using Microsoft.AspNetCore.Http.Features;

namespace Bot.Serve.Http;

/// <summary>The CC8.1 export over HTTP, said once for <c>/api/export</c> and the dashboard's downloads: the query read by
/// the export's own parser (a bad one answers 400 with a plain-text reason), then the bytes streamed from the exporter,
/// so both give what <c>bot export</c> writes with the same arguments.</summary>
internal static class ExportResponse
{
    /// <summary>The query parameters given at most once; <c>repo</c> may repeat.</summary>
    private static readonly string[] SingleParameters = ["from", "to", "format", "sample", "seed", "stratify"];

    /// <summary>The export the query asks for; null when it was refused (the 400 is written).</summary>
    public static async Task<ExportRequest?> ReadAsync(HttpContext context, string webBaseUrl)
    {
        try
        {
            var query = context.Request.Query;
            RequireKnownParameters(query);
            return ExportArguments.Parse(query["from"], query["to"], [.. query["repo"].OfType<string>()], query["format"],
                query["sample"], query["seed"], query["stratify"], webBaseUrl);
        }
        catch (ArgumentException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(e.Message + "\n", context.RequestAborted);
            return null;
        }
    }

    public static async Task StreamAsync(HttpContext context, IChangeExport export, ExportRequest request)
    {
        context.Response.ContentType = ExportArguments.ContentType(request.Format);
        // The exporter streams synchronously from the store; it runs off the request thread and writes straight to the body.
        context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        await Task.Run(() => export.Export(request, context.Response.Body), context.RequestAborted);
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
