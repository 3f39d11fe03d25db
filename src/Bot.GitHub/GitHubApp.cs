using Bot.GitHub.Auth;
using Bot.GitHub.Http;
using Bot.GitHub.Rest;

namespace Bot.GitHub;

/// <summary>The GitHub side of the bot, wired once per process: one HttpClient with the handler chain
/// ETag cache → resilience (retry, circuit breaker, per-attempt timeout) → call counter → network,
/// the App JWT, the installation-token cache, and per-installation REST clients.</summary>
public sealed class GitHubApp : IDisposable
{
    private readonly HttpClient _http;
    private readonly GitHubTransport _transport;
    private readonly System.Security.Cryptography.RSA _key;

    /// <param name="primaryHandler">The network handler; null uses a pooled <see cref="SocketsHttpHandler"/>.</param>
    /// <param name="clock">Reads "now" for JWT times, token expiry and rate-limit resets (tests move it).</param>
    public GitHubApp(GitHubAppOptions options, HttpMessageHandler? primaryHandler = null, TimeProvider? clock = null)
    {
        Counter = new GitHubCallCounter();
        _key = AppPrivateKey.FromOptions(options);
        var chain = new ETagHandler(new ETagCache(options.ETagCacheCapacity))
        {
            InnerHandler = new ResilienceHandler(GitHubResiliencePipeline.Build(options.Resilience, Counter, clock))
            {
                InnerHandler = new CountingHandler(Counter)
                {
                    InnerHandler = primaryHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
                },
            },
        };
        // Attempts are bounded by the pipeline's timeout; callers bound the whole call with their token.
        _http = new HttpClient(chain) { Timeout = Timeout.InfiniteTimeSpan };
        _transport = new GitHubTransport(_http, options.BaseUrl, options.UserAgent);
        Jwt = new AppJwtFactory(options.AppId, _key, clock);
        Tokens = new InstallationTokenProvider(_transport, Jwt, options.TokenRefreshMargin, clock);
    }

    public GitHubCallCounter Counter { get; }

    public AppJwtFactory Jwt { get; }

    /// <summary>Installation-token cache; call <see cref="InstallationTokenProvider.Invalidate"/> on installation deleted/suspend.</summary>
    public InstallationTokenProvider Tokens { get; }

    public IGitHubInstallationClient ForInstallation(long installationId) =>
        new GitHubInstallationClient(installationId, _transport, Tokens);

    /// <summary>Every installation of this App (<c>GET /app/installations</c>, all pages, App JWT): the reconcile sweep's roots.</summary>
    public async Task<IReadOnlyList<long>> ListInstallationIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<long>();
        Uri? next = _transport.Resolve("/app/installations?per_page=100");
        while (next is not null)
        {
            // Every JWT differs, so the cache is keyed by "the App" instead: an unchanged list is a 304 on each sweep.
            using var request = _transport.Create(HttpMethod.Get, next, Jwt.CreateToken(), cacheIdentity: "app");
            using var response = await _transport.SendAsync(request, cancellationToken);
            var page = await GitHubTransport.ReadAsync(response, Rest.Models.GitHubJsonContext.Default.ListRestInstallation, cancellationToken);
            ids.AddRange(page.Select(installation => installation.Id));
            next = LinkHeader.Next(response);
        }
        return ids;
    }

    public void Dispose()
    {
        Tokens.Dispose();
        _http.Dispose();
        _key.Dispose();
    }
}
