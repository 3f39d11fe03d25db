using Bot.GitHub;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Serve.Handlers;

public static class WebhookHandlerRegistration
{
    /// <summary>One handler per webhook event, and the installation clients they (and the evaluator, the change recorder
    /// and the sweeps) get from the App.</summary>
    public static IServiceCollection AddWebhookHandlers(this IServiceCollection services)
    {
        // Unless one is registered already (host tests register an in-memory GitHub).
        services.TryAddSingleton<IInstallationClientFactory>(provider => provider.GetRequiredService<GitHubApp>());
        services.AddSingleton<IWebhookHandler, PullRequestHandler>();
        services.AddSingleton<IWebhookHandler, PullRequestReviewHandler>();
        services.AddSingleton<IWebhookHandler, PushHandler>();
        services.AddSingleton<IWebhookHandler, IssueCommentHandler>();
        services.AddSingleton<IWebhookHandler, InstallationHandler>();
        services.AddSingleton<IWebhookHandler, CheckRerequestHandler>();
        services.AddSingleton<IWebhookHandler, MergeGroupHandler>();
        services.AddSingleton<WebhookHandlerMap>();
        return services;
    }
}
