using System.Collections.Concurrent;

namespace Bot.GitHub.Http;

/// <summary>Installations whose primary rate limit is spent, each with the time GitHub said it resets
/// (github-api-notes §5). Filled by <see cref="RateLimitGateHandler"/> from GitHub's answers; until the reset, that handler
/// sends nothing more for the installation, so waiting work never hammers GitHub (which bans Apps that do).</summary>
public sealed class InstallationRateLimits(TimeProvider clock)
{
    /// <summary>The installation a request is made for; requests without it (App JWT calls) are not held.</summary>
    public static readonly HttpRequestOptionsKey<long> Installation = new("Bot.GitHub.Installation");

    private readonly ConcurrentDictionary<long, DateTimeOffset> _spentUntil = new();

    /// <summary>When the installation's budget resets, while it is spent; null when calls may be made.</summary>
    public DateTimeOffset? SpentUntil(long installationId)
    {
        if (!_spentUntil.TryGetValue(installationId, out var reset))
            return null;
        if (reset > clock.GetUtcNow())
            return reset;
        _spentUntil.TryRemove(new KeyValuePair<long, DateTimeOffset>(installationId, reset));
        return null;
    }

    /// <summary>How long to hold an installation whose budget GitHub says is spent while naming a reset already past (a
    /// skewed clock): GitHub asks to wait at least a minute when it gives no usable time.</summary>
    public static readonly TimeSpan PastResetWait = TimeSpan.FromMinutes(1);

    internal void Spent(long installationId, DateTimeOffset resetAt)
    {
        var now = clock.GetUtcNow();
        var until = resetAt > now ? resetAt : now + PastResetWait;
        _spentUntil.AddOrUpdate(installationId, until, (_, known) => until > known ? until : known);
    }
}
