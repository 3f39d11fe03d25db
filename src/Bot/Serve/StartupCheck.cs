namespace Bot.Serve;

/// <summary>The service refuses to start without what it cannot work without, naming each missing setting.</summary>
public sealed class MissingConfigurationException(IReadOnlyList<string> missing)
    : Exception("bot serve cannot start; missing configuration: " + string.Join(", ", missing))
{
    public IReadOnlyList<string> Missing { get; } = missing;
}

public static class StartupCheck
{
    public static void Require(GitHubOptions github)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(github.WebhookSecret)) missing.Add("GitHub:WebhookSecret (env GitHub__WebhookSecret)");
        if (string.IsNullOrWhiteSpace(github.AppId)) missing.Add("GitHub:AppId (env GitHub__AppId)");
        if (string.IsNullOrWhiteSpace(github.PrivateKey) && string.IsNullOrWhiteSpace(github.PrivateKeyPath))
            missing.Add("GitHub:PrivateKeyPath or GitHub:PrivateKey (env GitHub__PrivateKeyPath / GitHub__PrivateKey)");
        else if (string.IsNullOrWhiteSpace(github.PrivateKey) && !File.Exists(github.PrivateKeyPath))
            missing.Add($"GitHub:PrivateKeyPath points to a file that does not exist ({github.PrivateKeyPath})");
        if (missing.Count > 0) throw new MissingConfigurationException(missing);
    }
}
