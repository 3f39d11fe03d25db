namespace Bot.GitHub.Rest;

/// <summary>A GitHub call that did not succeed. <see cref="StatusCode"/> is null when no HTTP answer arrived
/// (timeout, connection failure, open circuit). Never carries a token.</summary>
public sealed class GitHubApiException : Exception
{
    public GitHubApiException(int? statusCode, string method, string path, string message, Exception? inner = null)
        : base($"GitHub {method} {path} failed: {(statusCode is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " : "")}{message}", inner)
    {
        StatusCode = statusCode;
        Method = method;
        Path = path;
    }

    public GitHubApiException()
        : this(null, "", "", "unknown error")
    {
    }

    public GitHubApiException(string message)
        : this(null, "", "", message)
    {
    }

    public GitHubApiException(string message, Exception inner)
        : this(null, "", "", message, inner)
    {
    }

    public int? StatusCode { get; }

    /// <summary>Set when the installation's primary rate limit is spent (403/429 with <c>x-ratelimit-remaining: 0</c>, or a call
    /// held back by <see cref="Http.InstallationRateLimits"/>): when GitHub said the budget resets. Nothing is wrong with the
    /// work; it must wait until then.</summary>
    public DateTimeOffset? RateLimitResetAt { get; init; }

    public string Method { get; }

    public string Path { get; }
}
