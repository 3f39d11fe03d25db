using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Bot.GitHub.Auth;

namespace Bot.GitHub.Rest;

/// <summary>Calls to App-level endpoints (<c>/app/...</c>), authenticated with a fresh App JWT each (github-api-notes §3.1).</summary>
internal sealed class AppEndpoints(GitHubTransport transport, AppJwtFactory jwt)
{
    private const int PageSize = 100;

    /// <summary>Every page of a list: <c>per_page=100</c> on the first request, then <c>Link rel="next"</c> verbatim (GitHub's
    /// cursors included). <paramref name="cacheIdentity"/> lets an unchanged page come back as a 304, which costs no budget
    /// (the JWT changes with every call, so it cannot identify the caller).</summary>
    public async IAsyncEnumerable<TPage> GetPagesAsync<TPage>(string relative, JsonTypeInfo<TPage> typeInfo, string? cacheIdentity,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = transport.Resolve(relative + (relative.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "per_page=" + PageSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (next is not null)
        {
            if (!seen.Add(next.AbsoluteUri))
                throw new GitHubApiException(null, "GET", next.PathAndQuery, "pagination loops: Link rel=\"next\" names a page already read");
            using var response = await SendAsync(HttpMethod.Get, next, cacheIdentity, cancellationToken);
            var page = await GitHubTransport.ReadAsync(response, typeInfo, cancellationToken);
            next = LinkHeader.Next(response);
            yield return page;
        }
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, CancellationToken cancellationToken) =>
        SendAsync(method, transport.Resolve(relative), cacheIdentity: null, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, string? cacheIdentity, CancellationToken cancellationToken)
    {
        using var request = transport.Create(method, uri, jwt.CreateToken(), cacheIdentity);
        return await transport.SendAsync(request, cancellationToken);
    }
}
