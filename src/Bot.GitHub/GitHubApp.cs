using Bot.GitHub.Auth;
using Bot.GitHub.Deliveries;
using Bot.GitHub.Http;
using Bot.GitHub.Rest;

namespace Bot.GitHub;

/// <summary>The GitHub side of the bot, wired once per process: the HTTP pipeline (<see cref="GitHubPipelineState"/>: ETag
/// cache → rate-limit gate → resilience → call counter → network), the App JWT, the installation-token cache, and
/// per-installation REST clients. The service registers it with <see cref="GitHubServices.AddGitHubApp"/> (IHttpClientFactory);
/// commands and tests construct it directly.</summary>
public sealed class GitHubApp : IInstallationClientFactory, IDisposable
{
    /// <summary>The IHttpClientFactory name of the client that talks to GitHub.</summary>
    public const string HttpClientName = "GitHub";

    private readonly HttpClient? _ownHttp;
    private readonly GitHubTransport _transport;
    private readonly AppEndpoints _app;
    private readonly System.Security.Cryptography.RSA _key;

    /// <summary>Without dependency injection: one client over its own pipeline.</summary>
    /// <param name="primaryHandler">The network handler; null uses a pooled <see cref="SocketsHttpHandler"/>.</param>
    /// <param name="clock">Reads "now" for JWT times, token expiry and rate-limit resets (tests move it).</param>
    public GitHubApp(GitHubAppOptions options, HttpMessageHandler? primaryHandler = null, TimeProvider? clock = null)
        : this(options, new GitHubPipelineState(options, clock), clock, primaryHandler)
    {
    }

    /// <summary>With IHttpClientFactory: each call takes the <see cref="HttpClientName"/> client, whose handlers share
    /// <paramref name="pipeline"/>.</summary>
    public GitHubApp(GitHubAppOptions options, IHttpClientFactory clients, GitHubPipelineState pipeline, TimeProvider? clock = null)
        : this(options, pipeline, clock, () => clients.CreateClient(HttpClientName))
    {
    }

    private GitHubApp(GitHubAppOptions options, GitHubPipelineState pipeline, TimeProvider? clock, HttpMessageHandler? primaryHandler)
        : this(options, pipeline, clock, new HttpClient(pipeline.Chain(primaryHandler ?? NetworkHandler())) { Timeout = Timeout.InfiniteTimeSpan })
    {
    }

    // Attempts are bounded by the pipeline's timeout; callers bound the whole call with their token.
    private GitHubApp(GitHubAppOptions options, GitHubPipelineState pipeline, TimeProvider? clock, HttpClient own)
        : this(options, pipeline, clock, () => own)
    {
        _ownHttp = own;
    }

    private GitHubApp(GitHubAppOptions options, GitHubPipelineState pipeline, TimeProvider? clock, Func<HttpClient> http)
    {
        ArgumentNullException.ThrowIfNull(options);
        Pipeline = pipeline;
        _key = AppPrivateKey.FromOptions(options);
        _transport = new GitHubTransport(http, options.BaseUrl, options.UserAgent);
        Jwt = new AppJwtFactory(options.AppId, _key, clock);
        Tokens = new InstallationTokenProvider(_transport, Jwt, options.TokenRefreshMargin, clock);
        _app = new AppEndpoints(_transport, Jwt);
        HookDeliveries = new HookDeliveries(_app);
    }

    /// <summary>The network handler of a GitHub client: pooled connections, recycled so that DNS changes are seen.</summary>
    public static HttpMessageHandler NetworkHandler() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>The HTTP pipeline's shared state: call counter, rate limits, ETag cache, circuit breaker.</summary>
    public GitHubPipelineState Pipeline { get; }

    public GitHubCallCounter Counter => Pipeline.Counter;

    /// <summary>Installations whose API budget is spent, and until when; their requests are held back meanwhile.</summary>
    public InstallationRateLimits RateLimits => Pipeline.RateLimits;

    /// <summary>GitHub's record of the App's webhook deliveries (<c>/app/hook/deliveries</c>, App JWT).</summary>
    public HookDeliveries HookDeliveries { get; }

    public AppJwtFactory Jwt { get; }

    /// <summary>Installation-token cache; call <see cref="InstallationTokenProvider.Invalidate"/> on installation deleted/suspend.</summary>
    public InstallationTokenProvider Tokens { get; }

    public IGitHubInstallationClient ForInstallation(long installationId) =>
        new GitHubInstallationClient(installationId, _transport, Tokens);

    /// <summary>Every installation of this App (<c>GET /app/installations</c>, all pages, App JWT): the reconcile sweep's roots.</summary>
    public async Task<IReadOnlyList<long>> ListInstallationIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<long>();
        // Every JWT differs, so the cache is keyed by "the App" instead: an unchanged list is a 304 on each sweep.
        await foreach (var page in _app.GetPagesAsync("/app/installations", Rest.Models.GitHubJsonContext.Default.ListRestInstallation, cacheIdentity: "app", cancellationToken))
            ids.AddRange(page.Select(installation => installation.Id));
        return ids;
    }

    public void ForgetInstallation(long installationId) => Tokens.Invalidate(installationId);

    /// <summary>The App itself (<c>GET /app</c> with the App JWT): answers only when GitHub accepts the App id and the key.</summary>
    public async Task<GitHubAppIdentity> GetAppAsync(CancellationToken cancellationToken = default)
    {
        using var request = _transport.Create(HttpMethod.Get, _transport.Resolve("/app"), Jwt.CreateToken(), cacheIdentity: null);
        using var response = await _transport.SendAsync(request, cancellationToken);
        var app = await GitHubTransport.ReadAsync(response, Rest.Models.GitHubJsonContext.Default.RestApp, cancellationToken);
        return new GitHubAppIdentity(app.Id, app.Slug ?? "");
    }

    /// <summary>The App's installation on an organisation (<c>GET /orgs/{org}/installation</c>, App JWT); null when the App is
    /// not installed there (404). The dashboard asks that installation whether a user is in a team.</summary>
    public async Task<long?> FindOrganizationInstallationAsync(string org, CancellationToken cancellationToken = default)
    {
        using var request = _transport.Create(HttpMethod.Get, _transport.Resolve($"/orgs/{Uri.EscapeDataString(org)}/installation"), Jwt.CreateToken(), cacheIdentity: null);
        using var response = await _transport.SendAsync(request, cancellationToken);
        if (GitHubTransport.IsNotFound(response))
        {
            return null;
        }
        return (await GitHubTransport.ReadAsync(response, Rest.Models.GitHubJsonContext.Default.RestInstallation, cancellationToken)).Id;
    }

    public void Dispose()
    {
        Tokens.Dispose();
        _ownHttp?.Dispose();
        _key.Dispose();
    }
}
