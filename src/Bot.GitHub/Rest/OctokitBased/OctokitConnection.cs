using MediaTypeWithQualityHeaderValue = System.Net.Http.Headers.MediaTypeWithQualityHeaderValue;
using Bot.GitHub.Auth;
using Bot.GitHub.Http;
using Octokit;
using Octokit.Internal;

namespace Bot.GitHub.Rest.OctokitBased;

/// <summary>One installation's Octokit <see cref="GitHubClient"/> on top of our handler chain (ETag cache, rate-limit gate,
/// resilience, counting), and what Octokit does not do itself: the installation token as a bearer credential, the exact
/// base URI (a GHES <c>/api/v3</c> prefix kept), <c>X-GitHub-Api-Version</c> and GitHub's media type on every request.</summary>
internal static class OctokitConnection
{
    public static (GitHubClient Client, ApiConnection Api) Create(
        long installationId, HttpMessageHandler chain, Uri baseUrl, string userAgent, InstallationTokenProvider tokens)
    {
        var cacheIdentity = "installation:" + installationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // HttpClientAdapter puts Octokit's redirect handler on top of ours; its HttpClient is never disposed, since that
        // would dispose the chain the whole App shares (the GitHubApp disposes it).
        var adapter = new HttpClientAdapter(() => new InstallationRequestHandler(installationId, cacheIdentity) { InnerHandler = chain });
        // GitHubClient(product, baseAddress) rewrites a non-github.com URL to HOST/api/v3; a Connection takes it verbatim,
        // and relative routes ("repos/...") only keep the prefix when the base ends in '/'.
        var exactBase = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/");
        var connection = new Connection(Product(userAgent), exactBase, new InstallationCredentials(installationId, tokens), adapter, new SimpleJsonSerializer());
        return (new GitHubClient(connection), new ApiConnection(connection));
    }

    /// <summary>Octokit wants a product token ("name" or "name/version") and appends its own platform details to it.</summary>
    private static ProductHeaderValue Product(string userAgent)
    {
        var parts = userAgent.Split('/', 2);
        return parts.Length == 2 ? new ProductHeaderValue(parts[0], parts[1]) : new ProductHeaderValue(userAgent);
    }

    /// <summary>The installation's cached token; a 401 makes the client mint a new one (<see cref="OctokitInstallationClient"/>).</summary>
    private sealed class InstallationCredentials(long installationId, InstallationTokenProvider tokens) : ICredentialStore
    {
        public async Task<Credentials> GetCredentials() =>
            new(await tokens.GetTokenAsync(installationId), AuthenticationType.Bearer);
    }

    /// <summary>Octokit builds the <see cref="HttpRequestMessage"/> itself: the options our handlers key on (the ETag cache
    /// identity, the installation the rate-limit gate holds back) and the headers GitHub asks for are added here.</summary>
    private sealed class InstallationRequestHandler(long installationId, string cacheIdentity) : DelegatingHandler
    {
        private static readonly MediaTypeWithQualityHeaderValue GitHubJson = new("application/vnd.github+json");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.Set(ETagHandler.CacheIdentity, cacheIdentity);
            request.Options.Set(InstallationRateLimits.Installation, installationId);
            request.Headers.Accept.Clear();
            request.Headers.Accept.Add(GitHubJson);
            request.Headers.Add("X-GitHub-Api-Version", GitHubTransport.ApiVersion);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
