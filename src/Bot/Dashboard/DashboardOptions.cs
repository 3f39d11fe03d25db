namespace Bot.Dashboard;

/// <summary>The compliance dashboard (<c>/dashboard</c>). Off (404) unless <see cref="Allowed"/> names someone.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>GitHub logins (<c>alice</c>) and teams (<c>@acme/compliance</c>, active members) who may sign in. Empty: the
    /// dashboard is off and every <c>/dashboard</c> path answers 404, as <c>/api/export</c> does without its token.</summary>
    public string[] Allowed { get; set; } = [];

    /// <summary>How often a signed-in person's access is checked again (team membership asked of GitHub anew). At most 15.</summary>
    public double RecheckMinutes { get; set; } = 15;

    /// <summary>The address people reach the service at (https://bot.example.com), when a proxy in front of it terminates TLS:
    /// the OAuth callback GitHub is sent to is built from it. Empty: from the request.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Where the keys that encrypt sign-in cookies are kept, so sessions survive a restart. Empty: a folder
    /// <c>dashboard-keys</c> beside the evidence database, or on PostgreSQL the store's own <c>dashboard_keys</c> table,
    /// which every replica shares.</summary>
    public string? KeysPath { get; set; }

    public bool Enabled => Allowed.Any(entry => !string.IsNullOrWhiteSpace(entry));
}

/// <summary>The App's OAuth credentials and GitHub's web address (GitHub:ClientId, GitHub:ClientSecret, GitHub:WebBaseUrl).</summary>
public sealed class GitHubSignInOptions
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>GitHub's web address: https://github.com, or https://HOST for GitHub Enterprise Server. Sign-in is sent to
    /// <c>{WebBaseUrl}/login/oauth/authorize</c>, and the dashboard's links to pull requests and check runs point there.</summary>
    public string WebBaseUrl { get; set; } = "https://github.com";
}
