using System.Text;
using Bot.Dashboard.Evidence;
using Bot.Evidence.Export;
using Bot.Serve.Http;

namespace Bot.Dashboard.Http;

/// <summary>
/// <c>GET /dashboard/sample/export?from=&amp;to=&amp;repo=&amp;format=&amp;sample=&amp;seed=&amp;stratify=</c>: the downloads of the
/// Sample page. The arguments go through the export's own parser and the bytes come from the export itself
/// (<see cref="IChangeExport"/>), so a download is byte for byte what <c>bot export</c> writes with the same arguments
/// and <c>--web-url</c> set to GitHub:WebBaseUrl.
/// </summary>
internal static class SampleExport
{
    public static void Map(WebApplication app) =>
        app.MapGet(DashboardPaths.Export, HandleAsync).RequireAuthorization(DashboardPaths.Policy);

    private static async Task HandleAsync(HttpContext context, DashboardStore store)
    {
        if (await ExportResponse.ReadAsync(context, store.WebBaseUrl) is not { } request)
            return;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(request)}\"";
        await ExportResponse.StreamAsync(context, store.Export, request);
    }

    /// <summary>cc81-2025-01-01-to-2025-03-31-sample-25-seed-audit.csv: the period, and the sample with its seed (letters,
    /// digits and '-' only, so the name is safe in any file system and header).</summary>
    public static string FileName(ExportRequest request)
    {
        var name = new StringBuilder($"cc81-{request.From:yyyy-MM-dd}-to-{request.To:yyyy-MM-dd}");
        if (request.Sample is { } n)
        {
            name.Append("-sample-").Append(n).Append(request.StratifyAi ? "-stratified" : "").Append("-seed-");
            name.Append(new string([.. request.Seed!.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-') is { Length: > 0 } seed ? seed[..Math.Min(seed.Length, 40)] : "x");
        }
        return name.Append(request.Format switch { ExportFormat.Json => ".json", ExportFormat.Md => ".md", _ => ".csv" }).ToString();
    }
}
