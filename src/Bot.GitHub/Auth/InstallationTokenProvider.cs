using System.Collections.Concurrent;
using Bot.GitHub.Rest;
using Bot.GitHub.Rest.Models;

namespace Bot.GitHub.Auth;

/// <summary>Installation access tokens (POST /app/installations/{id}/access_tokens), cached per installation until
/// <c>refreshMargin</c> before <c>expires_at</c>. Tokens are opaque; they are never logged or put in exception text.</summary>
public sealed class InstallationTokenProvider : IDisposable
{
    private readonly GitHubTransport _transport;
    private readonly AppJwtFactory _jwt;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshMargin;
    private readonly ConcurrentDictionary<long, CachedToken> _tokens = new();
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _mintLocks = new();
    private long _minted;

    internal InstallationTokenProvider(GitHubTransport transport, AppJwtFactory jwt, TimeSpan refreshMargin, TimeProvider? timeProvider = null)
    {
        _transport = transport;
        _jwt = jwt;
        _refreshMargin = refreshMargin;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Tokens obtained from GitHub so far (a measure of cache effectiveness).</summary>
    public long TokensMinted => Interlocked.Read(ref _minted);

    public async Task<string> GetTokenAsync(long installationId, CancellationToken cancellationToken = default)
    {
        if (TryGetFresh(installationId) is { } token)
        {
            return token;
        }

        return await MintAsync(installationId, rejected: null, cancellationToken);
    }

    /// <summary>GitHub answered 401 to <paramref name="rejectedToken"/>: mint a new one, unless a concurrent caller already did.</summary>
    public Task<string> RefreshAsync(long installationId, string rejectedToken, CancellationToken cancellationToken = default) =>
        MintAsync(installationId, rejectedToken, cancellationToken);

    /// <summary>Drops the cached token, e.g. on <c>installation.deleted</c> / <c>suspend</c>.</summary>
    public void Invalidate(long installationId) => _tokens.TryRemove(installationId, out _);

    public void Dispose()
    {
        foreach (var gate in _mintLocks.Values)
        {
            gate.Dispose();
        }
    }

    private string? TryGetFresh(long installationId) =>
        _tokens.TryGetValue(installationId, out var cached) && cached.ExpiresAt - _refreshMargin > _time.GetUtcNow()
            ? cached.Token
            : null;

    private async Task<string> MintAsync(long installationId, string? rejected, CancellationToken cancellationToken)
    {
        var gate = _mintLocks.GetOrAdd(installationId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have minted while we waited; reuse that unless it is the token GitHub just refused.
            if (TryGetFresh(installationId) is { } current && current != rejected)
            {
                return current;
            }

            var uri = _transport.Resolve($"/app/installations/{installationId}/access_tokens");
            using var request = _transport.Create(HttpMethod.Post, uri, _jwt.CreateToken(), cacheIdentity: null);
            using var response = await _transport.SendAsync(request, cancellationToken);
            var issued = await GitHubTransport.ReadAsync(response, GitHubJsonContext.Default.RestAccessToken, cancellationToken);
            if (string.IsNullOrEmpty(issued.Token))
            {
                throw new GitHubApiException((int)response.StatusCode, "POST", uri.AbsolutePath, "response carried no token");
            }

            _tokens[installationId] = new CachedToken(issued.Token, issued.ExpiresAt);
            Interlocked.Increment(ref _minted);
            return issued.Token;
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt)
    {
        // Keep the token out of any accidental string conversion (debugger, logs).
        public override string ToString() => $"installation token expiring {ExpiresAt:O}";
    }
}
