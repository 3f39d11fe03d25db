namespace Bot.Dashboard;

/// <summary>The dashboard's addresses and the names of its authentication schemes and policy.</summary>
public static class DashboardPaths
{
    public const string Root = "/dashboard";
    public const string SignIn = Root + "/signin";
    public const string Denied = Root + "/denied";
    /// <summary>Where GitHub sends the user back after sign-in: the App's "Callback URL" is https://HOST/dashboard/signin-github.</summary>
    public const string Callback = Root + "/signin-github";
    public const string Assets = Root + "/assets";
    public const string Export = Root + "/sample/export";

    public const string CookieScheme = "dashboard-cookie";
    public const string GitHubScheme = "dashboard-github";
    /// <summary>Signed in and allowed: every page that shows evidence.</summary>
    public const string Policy = "dashboard-member";
    /// <summary>Signed in, allowed or not: the 403 page and sign-out.</summary>
    public const string SignedInPolicy = "dashboard-signed-in";

    /// <summary><paramref name="url"/> when it is an address of the dashboard itself, else the Overview: the sign-in and 403
    /// pages send people back only inside the dashboard (no open redirect).</summary>
    public static string Local(string? url) =>
        url is not null && url.StartsWith(Root, StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            && !url.Contains("//", StringComparison.Ordinal) ? url : Root;
}
