using Bot.GitHub.Http;

namespace Bot.GitHub;

/// <summary>Configuration of the GitHub App side: where the API is, who the App is, how hard to retry.</summary>
public sealed class GitHubAppOptions
{
    /// <summary><c>https://api.github.com</c>, or <c>https://HOST/api/v3</c> for GitHub Enterprise Server (the path prefix is kept).</summary>
    public Uri BaseUrl { get; set; } = new("https://api.github.com");

    /// <summary>The JWT <c>iss</c>: the numeric App id (works on github.com and every GHES release) or the client id.</summary>
    public string AppId { get; set; } = "";

    /// <summary>PEM text of the App's private key (PKCS#1 or PKCS#8). Either this or <see cref="PrivateKeyPath"/>.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>Path of a PEM file holding the App's private key.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The User-Agent of every request unless configured otherwise (GitHub rejects requests without one).</summary>
    public const string DefaultUserAgent = "ai-change-control-bot";

    /// <summary>GitHub rejects requests without a User-Agent.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>A cached installation token is replaced this long before its <c>expires_at</c>.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most conditional-request entries kept (least recently used ones are dropped).</summary>
    public int ETagCacheCapacity { get; set; } = 2_000;

    public GitHubResilienceOptions Resilience { get; set; } = new();

    /// <summary>Where the <c>Bot.GitHub</c> meter is created (<see cref="GitHubMetrics"/>); null: no metrics.</summary>
    public System.Diagnostics.Metrics.IMeterFactory? Meters { get; set; }
}
