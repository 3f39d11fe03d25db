using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bot.GitHub.Http;
using Bot.GitHub.Rest.Models;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Bot.GitHub.Rest;

/// <summary>Builds GitHub requests (base URL with its path prefix, required headers, bearer credential) and turns
/// failures into <see cref="GitHubApiException"/>.</summary>
internal sealed class GitHubTransport(Func<HttpClient> http, Uri baseUrl, string userAgent)
{
    public GitHubTransport(HttpClient http, Uri baseUrl, string userAgent) : this(() => http, baseUrl, userAgent)
    {
    }

    public const string ApiVersion = "2022-11-28";
    private const int PageSize = 100;
    private const string JsonMediaType = "application/vnd.github+json";

    private readonly string _base = baseUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>Joins the base URL (keeping a GHES <c>/api/v3</c> prefix) with a path that starts with '/'.</summary>
    public Uri Resolve(string pathAndQuery) => new(_base + pathAndQuery, UriKind.Absolute);

    public HttpRequestMessage Create(HttpMethod method, Uri uri, string bearer, string? cacheIdentity, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (cacheIdentity is not null)
        {
            request.Options.Set(ETagHandler.CacheIdentity, cacheIdentity);
        }

        return request;
    }

    public static HttpContent Json<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>Sends; a call that produced no HTTP answer becomes a <see cref="GitHubApiException"/> without status.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http().SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException ||
                                  (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new GitHubApiException(null, request.Method.Method, PathOf(request), Describe(e), e);
        }
    }

    /// <summary>Every page of a list call: <c>per_page=100</c> on the first request, then the <c>Link rel="next"</c> URL
    /// verbatim (GitHub's cursors included). <paramref name="send"/> makes one GET with the caller's credential.</summary>
    public async IAsyncEnumerable<TPage> GetPagesAsync<TPage>(string relative, Func<Uri, CancellationToken, Task<HttpResponseMessage>> send,
        JsonTypeInfo<TPage> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = Resolve(relative + (relative.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "per_page=" + PageSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (next is not null)
        {
            if (!seen.Add(next.AbsoluteUri))
            {
                throw new GitHubApiException(null, "GET", next.PathAndQuery, "pagination loops: Link rel=\"next\" names a page already read");
            }

            using var response = await send(next, cancellationToken);
            var page = await ReadAsync(response, typeInfo, cancellationToken);
            next = LinkHeader.Next(response);
            yield return page;
        }
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken)
                   ?? throw new JsonException("empty JSON document");
        }
        catch (JsonException e)
        {
            throw new GitHubApiException((int)response.StatusCode, Method(response), PathOf(response.RequestMessage), $"unreadable response: {e.Message}", e);
        }
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = response.ReasonPhrase ?? response.StatusCode.ToString();
        try
        {
            if (JsonSerializer.Deserialize(body, GitHubJsonContext.Default.RestError)?.Message is { Length: > 0 } text)
            {
                message = text.Length > 300 ? text[..300] : text;
            }
        }
        catch (JsonException)
        {
            // Not GitHub's JSON error shape (e.g. a proxy's HTML page): the reason phrase says enough.
        }

        throw new GitHubApiException((int)response.StatusCode, Method(response), PathOf(response.RequestMessage), message)
        {
            RateLimitResetAt = RetryClassifier.PrimaryBudgetReset(response),
        };
    }

    public static bool IsNotFound(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.NotFound;

    private static string Method(HttpResponseMessage response) => response.RequestMessage?.Method.Method ?? "?";

    private static string PathOf(HttpRequestMessage? request) => request?.RequestUri?.PathAndQuery ?? "?";

    private static string Describe(Exception e) => e switch
    {
        BrokenCircuitException => "circuit open after repeated failures; GitHub is treated as unavailable for now",
        TimeoutRejectedException or TaskCanceledException => "timed out",
        _ => e.Message,
    };
}
