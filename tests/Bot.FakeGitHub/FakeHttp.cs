using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Bot.FakeGitHub;

/// <summary>An error response a route handler raises; the dispatcher writes it as GitHub's <c>{"message": ...}</c>.</summary>
internal sealed class FakeHttpError(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>Writing answers like GitHub: JSON, weak ETags with 304 on a matching If-None-Match, and page slicing with Link headers.</summary>
internal static class FakeHttp
{
    private static readonly JsonSerializerOptions Json = new();

    public static async Task WriteJsonAsync(HttpContext context, object? payload, int statusCode = 200)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        if (HttpMethods.IsGet(context.Request.Method) && statusCode == 200)
        {
            var etag = "W/\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(bytes);
    }

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string message) =>
        WriteJsonAsync(context, new { message, documentation_url = "https://docs.github.com/rest", status = statusCode.ToString(CultureInfo.InvariantCulture) }, statusCode);

    /// <summary>GitHub paging: <c>per_page</c> (default 30, max 100), <c>page</c> (from 1); Link with first/prev/next/last.</summary>
    public static IReadOnlyList<T> Page<T>(HttpContext context, IReadOnlyList<T> items)
    {
        var perPage = Math.Clamp(QueryInt(context, "per_page") ?? 30, 1, 100);
        var page = Math.Max(QueryInt(context, "page") ?? 1, 1);
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var links = new List<string>();
        if (page > 1)
        {
            links.Add($"<{PageUrl(context, 1)}>; rel=\"first\"");
            links.Add($"<{PageUrl(context, page - 1)}>; rel=\"prev\"");
        }

        if (page < last)
        {
            links.Add($"<{PageUrl(context, page + 1)}>; rel=\"next\"");
            links.Add($"<{PageUrl(context, last)}>; rel=\"last\"");
        }

        if (links.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", links);
        }

        return items.Skip((page - 1) * perPage).Take(perPage).ToList();
    }

    public static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    private static int? QueryInt(HttpContext context, string name) =>
        int.TryParse(Query(context, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string PageUrl(HttpContext context, int page)
    {
        var query = context.Request.Query
            .Where(q => q.Key != "page")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("page", page.ToString(CultureInfo.InvariantCulture)));
        return UriHelper.BuildAbsolute(context.Request.Scheme, context.Request.Host, context.Request.PathBase, context.Request.Path, QueryString.Create(query));
    }
}
