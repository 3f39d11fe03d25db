using System.Globalization;

namespace Bot.Serve;

/// <summary>The service refuses to start without what it cannot work without, naming each missing or invalid setting.</summary>
public sealed class MissingConfigurationException(IReadOnlyList<string> missing)
    : CannotStartException("missing or invalid configuration: " + string.Join(", ", missing))
{
    public IReadOnlyList<string> Missing { get; } = missing;
}

public static class StartupCheck
{
    public static void Require(GitHubOptions github)
    {
        var missing = new List<string>();
        if (github.AllWebhookSecrets().Count == 0) missing.Add("GitHub:WebhookSecret (env GitHub__WebhookSecret)");
        if (string.IsNullOrWhiteSpace(github.AppId)) missing.Add("GitHub:AppId (env GitHub__AppId)");
        else if (!long.TryParse(github.AppId, NumberStyles.None, CultureInfo.InvariantCulture, out var appId) || appId <= 0)
            missing.Add($"GitHub:AppId must be the App's numeric id (App settings, \"App ID\"), not '{github.AppId}'");
        if (!Uri.TryCreate(github.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
            missing.Add($"GitHub:ApiBaseUrl must be an http(s) URL, not '{github.ApiBaseUrl}'");
        if (string.IsNullOrWhiteSpace(github.PrivateKey) && string.IsNullOrWhiteSpace(github.PrivateKeyPath))
            missing.Add("GitHub:PrivateKeyPath or GitHub:PrivateKey (env GitHub__PrivateKeyPath / GitHub__PrivateKey)");
        else if (string.IsNullOrWhiteSpace(github.PrivateKey) && Directory.Exists(github.PrivateKeyPath))
            missing.Add($"GitHub:PrivateKeyPath points to a folder, not a key file ({github.PrivateKeyPath})");
        else if (string.IsNullOrWhiteSpace(github.PrivateKey) && !File.Exists(github.PrivateKeyPath))
            missing.Add($"GitHub:PrivateKeyPath points to a file that does not exist ({github.PrivateKeyPath})");
        if (missing.Count > 0) throw new MissingConfigurationException(missing);
    }
}
