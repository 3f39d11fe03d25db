using System.Diagnostics.Metrics;
using Bot.GitHub;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Options;

/// <summary>The GitHub client's options from the service's one <c>GitHub</c> section (<see cref="GitHubOptions"/>): the
/// settings are read in one place and the client keeps its own type, which the commands and tests fill without a host.</summary>
internal sealed class GitHubAppOptionsSetup(IOptions<GitHubOptions> github, IMeterFactory meters) : IConfigureOptions<GitHubAppOptions>
{
    public void Configure(GitHubAppOptions options)
    {
        var settings = github.Value;
        options.BaseUrl = new Uri(settings.ApiBaseUrl);
        options.AppId = settings.AppId!;
        // The PEM text wins over the path when both are given (StartupCheck reads them in the same order).
        options.PrivateKeyPem = string.IsNullOrWhiteSpace(settings.PrivateKey) ? null : settings.PrivateKey;
        options.PrivateKeyPath = string.IsNullOrWhiteSpace(settings.PrivateKey) ? settings.PrivateKeyPath : null;
        options.UserAgent = settings.UserAgent;
        options.Resilience = settings.Resilience;
        options.Meters = meters;
    }
}
