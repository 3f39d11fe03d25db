using System.Text.Json.Serialization.Metadata;
using Bot.GitHub.Auth;

namespace Bot.GitHub.Rest;

/// <summary>Calls to App-level endpoints (<c>/app/...</c>), authenticated with a fresh App JWT each (github-api-notes §3.1).</summary>
internal sealed class AppEndpoints(GitHubTransport transport, AppJwtFactory jwt)
{
    /// <summary>Every page of a list (<see cref="GitHubTransport.GetPagesAsync{TPage}"/>). <paramref name="cacheIdentity"/> lets an
    /// unchanged page come back as a 304, which costs no budget (the JWT changes with every call, so it cannot identify the
    /// caller).</summary>
    public IAsyncEnumerable<TPage> GetPagesAsync<TPage>(string relative, JsonTypeInfo<TPage> typeInfo, string? cacheIdentity, CancellationToken cancellationToken) =>
        transport.GetPagesAsync(relative, (uri, token) => SendAsync(HttpMethod.Get, uri, cacheIdentity, token), typeInfo, cancellationToken);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, CancellationToken cancellationToken) =>
        SendAsync(method, transport.Resolve(relative), cacheIdentity: null, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, string? cacheIdentity, CancellationToken cancellationToken)
    {
        using var request = transport.Create(method, uri, jwt.CreateToken(), cacheIdentity);
        return await transport.SendAsync(request, cancellationToken);
    }
}
