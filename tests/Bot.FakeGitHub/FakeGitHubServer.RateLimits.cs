using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Bot.FakeGitHub;

/// <summary>An installation's primary rate limit (github-api-notes §5): once spent, every call made with one of its tokens is
/// answered 403 with <c>x-ratelimit-remaining: 0</c> and <c>x-ratelimit-reset</c> until the reset, as GitHub does.</summary>
public sealed partial class FakeGitHubServer
{
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
