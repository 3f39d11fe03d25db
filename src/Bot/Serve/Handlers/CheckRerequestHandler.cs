using Bot.GitHub;
using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Handlers;

/// <summary><c>check_run</c> re-requested and <c>check_suite</c> requested or re-requested: evaluate the pull requests of
/// the checked commit again. Somebody else's check run is none of the bot's business.</summary>
public sealed class CheckRerequestHandler(IInstallationClientFactory github, IOptions<GitHubOptions> options) : IWebhookHandler
{
    public IReadOnlyCollection<string> Events { get; } = [WebhookEventNames.CheckRun, WebhookEventNames.CheckSuite];

    public async Task<IReadOnlyList<PullRequestKey>> HandleAsync(RoutedDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Repository is not { } repository)
            return [];
        var (pullRequests, headSha) = delivery.Event == WebhookEventNames.CheckRun
            ? await CheckRunAsync(delivery, cancellationToken)
            : await CheckSuiteAsync(delivery, cancellationToken);
        var key = PullRequestKey.Create(delivery.InstallationId, repository, 0);
        if (pullRequests.Count > 0)
            return [.. pullRequests.Select(pr => key with { Number = pr.Number })];
        if (headSha is null)
            return [];
        // Fork pull requests arrive without pull_requests: ask GitHub which open ones hold the commit.
        var found = await github.ForInstallation(key.InstallationId).ListPullRequestsForCommitAsync(key.Owner, key.Repo, headSha, cancellationToken);
        return [.. found.Where(pr => pr.State == "open").Select(pr => key with { Number = pr.Number })];
    }

    private async Task<(IReadOnlyList<WebhookLinkedPullRequest>, string?)> CheckRunAsync(RoutedDelivery delivery, CancellationToken cancellationToken)
    {
        var run = (await delivery.PayloadAsync<CheckRunEvent>(cancellationToken)).CheckRun;
        return run.App is { } app && !IsOurApp(app.Id) ? ([], null) : (run.PullRequests, run.HeadSha);
    }

    private static async Task<(IReadOnlyList<WebhookLinkedPullRequest>, string?)> CheckSuiteAsync(RoutedDelivery delivery, CancellationToken cancellationToken)
    {
        var suite = (await delivery.PayloadAsync<CheckSuiteEvent>(cancellationToken)).CheckSuite;
        return (suite.PullRequests, suite.HeadSha);
    }

    /// <summary>The configured App id may be a client id (a string); only a numeric one can be compared.</summary>
    private bool IsOurApp(long appId) => !long.TryParse(options.Value.AppId, out var ours) || ours == appId;
}
