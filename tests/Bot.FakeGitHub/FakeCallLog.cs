using System.Collections.Concurrent;

namespace Bot.FakeGitHub;

/// <summary>A request as the fake saw it (headers the tests check; never the credential itself).</summary>
public sealed record FakeRequest(
    string Method,
    string Path,
    string Query,
    string Route,
    int StatusCode,
    string? UserAgent,
    string? Accept,
    string? ApiVersion,
    string? IfNoneMatch,
    string? AuthorizationScheme);

/// <summary>Calls by route ("GET /repos/{owner}/{repo}/pulls/{number}"), in total, and the 304s (which GitHub does not
/// charge against the primary rate limit).</summary>
public sealed class FakeCallLog
{
    private readonly ConcurrentDictionary<string, int> _byRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private int _total;
    private int _notModified;

    public int Total => Volatile.Read(ref _total);

    public int NotModified => Volatile.Read(ref _notModified);

    /// <summary>Calls that would count against GitHub's primary rate limit (everything but 304s).</summary>
    public int RateLimited => Total - NotModified;

    public int For(string route) => _byRoute.TryGetValue(route, out var n) ? n : 0;

    public IReadOnlyDictionary<string, int> ByRoute => new Dictionary<string, int>(_byRoute, StringComparer.Ordinal);

    public IReadOnlyList<FakeRequest> Requests => _requests.ToArray();

    public void Reset()
    {
        _byRoute.Clear();
        _requests.Clear();
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _notModified, 0);
    }

    internal void Record(FakeRequest request)
    {
        Interlocked.Increment(ref _total);
        if (request.StatusCode == 304)
        {
            Interlocked.Increment(ref _notModified);
        }

        _byRoute.AddOrUpdate(request.Route, 1, (_, n) => n + 1);
        _requests.Enqueue(request);
    }
}
