using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Bot.GitHub.Http;

/// <summary>Conditional GETs: sends <c>If-None-Match</c> for a URL seen before and turns GitHub's 304 (which does not
/// count against the primary rate limit) back into the cached 200 for the caller.</summary>
internal sealed class ETagHandler(ETagCache cache) : DelegatingHandler
{
    /// <summary>Who the response was fetched for (e.g. the installation), so one caller never sees another's cached data.
    /// Without it the Authorization header's hash is used; the token itself is never stored.</summary>
    public static readonly HttpRequestOptionsKey<string> CacheIdentity = new("Bot.GitHub.CacheIdentity");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get || request.RequestUri is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var key = Identity(request) + " " + request.RequestUri.AbsoluteUri;
        if (cache.TryGet(key, out var cached))
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", cached!.ETag);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
        {
            var replay = FromCache(cached, request);
            response.Dispose();
            return replay;
        }

        if (response.StatusCode == HttpStatusCode.OK && response.Headers.ETag is { } etag)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var link = response.Headers.TryGetValues("Link", out var values) ? values.ToArray() : [];
            cache.Set(key, new CachedResponse(etag.ToString(), body, response.Content.Headers.ContentType?.ToString(), link));
        }

        return response;
    }

    private static HttpResponseMessage FromCache(CachedResponse cached, HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(cached.Body),
        };
        response.Headers.TryAddWithoutValidation("ETag", cached.ETag);
        if (cached.Link.Count > 0)
        {
            response.Headers.TryAddWithoutValidation("Link", cached.Link);
        }

        if (cached.ContentType is not null)
        {
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(cached.ContentType);
        }

        return response;
    }

    private static string Identity(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(CacheIdentity, out var identity))
        {
            return identity;
        }

        var authorization = request.Headers.Authorization?.ToString();
        return authorization is null
            ? "anonymous"
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
    }
}
