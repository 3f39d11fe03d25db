namespace Bot.Population;

/// <summary>The CC8.1 export over HTTP (<c>GET /api/export</c>) and its links.</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";

    /// <summary>Bearer token the endpoint requires. Empty: the endpoint is off (404).</summary>
    public string? ApiToken { get; set; }

    /// <summary>Where the export's pull request and check-run links point (GitHub Enterprise Server: https://HOST).</summary>
    public string WebBaseUrl { get; set; } = "https://github.com";
}
