using Bot.GitHub.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.GitHub;

/// <summary>The GitHub side in dependency injection: the named HttpClient <see cref="GitHubApp.HttpClientName"/> with its
/// handlers (IHttpClientFactory owns and rotates them), the state they share as one singleton, and <see cref="GitHubApp"/>.
/// Its options come from <c>IOptions&lt;GitHubAppOptions&gt;</c>, configured by the host.</summary>
public static class GitHubServices
{
    public static IHttpClientBuilder AddGitHubApp(this IServiceCollection services)
    {
        services.AddSingleton(provider => new GitHubPipelineState(Options(provider)));
        services.AddSingleton(provider => new GitHubApp(Options(provider), provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<GitHubPipelineState>()));
        var client = services.AddHttpClient(GitHubApp.HttpClientName)
            // Attempts are bounded by the resilience pipeline's timeout; callers bound the whole call with their token.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => GitHubApp.NetworkHandler())
            // The factory's request logging would write a line per GitHub call; the Bot.GitHub meter counts them instead.
            .RemoveAllLoggers();
        foreach (var handler in GitHubPipelineState.Handlers)
            client.AddHttpMessageHandler(provider => handler(provider.GetRequiredService<GitHubPipelineState>()));
        return client;
    }

    private static GitHubAppOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<GitHubAppOptions>>().Value;
}
