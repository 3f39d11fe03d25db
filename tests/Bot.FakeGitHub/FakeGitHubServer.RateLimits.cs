using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.FakeGitHub;

/// <summary>GitHub's primary rate limit headers on every answer, as the real API sends them: a budget of
/// <see cref="RateLimit"/> per installation token (and one for the App's JWT) that each call except a 304 uses up.
/// Nothing is refused for running out of that budget; <see cref="SpendRateLimit"/> spends an installation's budget until a
/// reset (every call with its tokens is then answered 403 with <c>x-ratelimit-remaining: 0</c>, as GitHub does), and
/// <see cref="FakeFault.PrimaryRateLimit"/> refuses single calls.</summary>
public sealed partial class FakeGitHubServer
{
    public const int RateLimit = 5000;

    private readonly ConcurrentDictionary<string, int> _rateLimitUsed = new(StringComparer.Ordinal);

    // One window for the fake's whole life: the budget never resets.
    private readonly string _rateLimitReset = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>What <c>x-ratelimit-remaining</c> says now for an installation id, or for <c>app</c> (JWT calls).</summary>
    public int RateLimitRemaining(string installationOrApp) => RateLimit - _rateLimitUsed.GetValueOrDefault(installationOrApp);

    private void UseRateLimitHeaders(WebApplication app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (headers.ContainsKey("x-ratelimit-remaining")) return Task.CompletedTask; // a fault set its own
            var bearer = context.Request.Headers.Authorization.ToString();
            var token = bearer.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? bearer[7..].Trim() : "";
            var who = _auth.InstallationFor(token) is { } installation ? installation.ToString(CultureInfo.InvariantCulture) : "app";
            var used = context.Response.StatusCode == StatusCodes.Status304NotModified
                ? _rateLimitUsed.GetValueOrDefault(who)
                : _rateLimitUsed.AddOrUpdate(who, 1, (_, n) => n + 1);
            headers["x-ratelimit-limit"] = RateLimit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining"] = (RateLimit - used).ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-used"] = used.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset"] = _rateLimitReset;
            headers["x-ratelimit-resource"] = "core";
            return Task.CompletedTask;
        });
        await next(context);
    });

    private readonly Dictionary<long, DateTimeOffset> _budgetSpentUntil = [];
    private int _rateLimitedAnswers;

    /// <summary>Calls refused because their installation's budget was spent.</summary>
    public int RateLimitedAnswers => Volatile.Read(ref _rateLimitedAnswers);

    public void SpendRateLimit(long installationId, DateTimeOffset resetAt)
    {
        lock (_gate)
        {
            _budgetSpentUntil[installationId] = resetAt;
        }
    }

    /// <summary>Middleware before routing: refuses an installation's calls while its budget is spent.</summary>
    private async Task RateLimitAsync(HttpContext context, RequestDelegate next)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var installation = authorization.Split(' ', 2) is [_, var token] ? _auth.InstallationFor(token.Trim()) : null;
        DateTimeOffset? reset = null;
        lock (_gate)
        {
            if (installation is { } id && _budgetSpentUntil.TryGetValue(id, out var until) && until > _clock.GetUtcNow())
            {
                reset = until;
            }
        }

        if (reset is null)
        {
            await next(context);
            return;
        }

        Interlocked.Increment(ref _rateLimitedAnswers);
        context.Response.Headers["x-ratelimit-limit"] = "5000";
        context.Response.Headers["x-ratelimit-remaining"] = "0";
        context.Response.Headers["x-ratelimit-used"] = "5000";
        context.Response.Headers["x-ratelimit-resource"] = "core";
        context.Response.Headers["x-ratelimit-reset"] = reset.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await FakeHttp.WriteErrorAsync(context, 403, $"API rate limit exceeded for installation ID {installation}.");
        Calls.Record(Describe(context, "(rate limited)", 403));
    }

}
