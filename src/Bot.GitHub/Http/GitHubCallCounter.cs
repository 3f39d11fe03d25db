namespace Bot.GitHub.Http;

/// <summary>Counts HTTP traffic to GitHub, so the service can report "API calls per evaluation".
/// <see cref="Calls"/> counts attempts that reached the wire (retries included); a 304 still costs a round trip
/// but not primary rate limit, hence the separate counter.</summary>
public sealed class GitHubCallCounter
{
    private long _calls;
    private long _notModified;
    private long _retries;

    public long Calls => Interlocked.Read(ref _calls);

    public long NotModified => Interlocked.Read(ref _notModified);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Calls that count against GitHub's primary rate limit.</summary>
    public long RateLimited => Calls - NotModified;

    internal void RecordCall() => Interlocked.Increment(ref _calls);

    internal void RecordNotModified() => Interlocked.Increment(ref _notModified);

    internal void RecordRetry() => Interlocked.Increment(ref _retries);

    public GitHubCallSnapshot Snapshot() => new(Calls, NotModified, Retries);
}

/// <summary>Counter values at one moment; subtract two to measure a unit of work.</summary>
public sealed record GitHubCallSnapshot(long Calls, long NotModified, long Retries)
{
    public long RateLimited => Calls - NotModified;

    public static GitHubCallSnapshot operator -(GitHubCallSnapshot after, GitHubCallSnapshot before) =>
        new(after.Calls - before.Calls, after.NotModified - before.NotModified, after.Retries - before.Retries);

    public GitHubCallSnapshot Subtract(GitHubCallSnapshot before) => this - before;
}
