using Bot.GitHub;
using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;

namespace Bot.Serve.Handlers;

/// <summary><c>installation</c> and <c>installation_repositories</c>: a new installation, or repositories added to one,
/// gets every open pull request evaluated (they may wait for a required check nobody posted); a deleted or suspended one
/// loses its cached token.</summary>
public sealed class InstallationHandler(IInstallationClientFactory github) : IWebhookHandler
{
    public IReadOnlyCollection<string> Events { get; } = [WebhookEventNames.Installation, WebhookEventNames.InstallationRepositories];

    public async Task<IReadOnlyList<PullRequestKey>> HandleAsync(RoutedDelivery delivery, CancellationToken cancellationToken)
    {
        var installation = delivery.InstallationId;
        if (delivery.Event == WebhookEventNames.Installation && delivery.Action is "deleted" or "suspend")
        {
            github.ForgetInstallation(installation);
            return [];
        }

        var client = github.ForInstallation(installation);
        IEnumerable<string> repositories = delivery.Event == WebhookEventNames.InstallationRepositories
            ? (await delivery.PayloadAsync<InstallationRepositoriesEvent>(cancellationToken)).RepositoriesAdded.Select(r => r.FullName)
            : (await delivery.PayloadAsync<InstallationEvent>(cancellationToken)).Repositories is { } listed
                ? listed.Select(r => r.FullName)
                : (await client.ListInstallationRepositoriesAsync(cancellationToken)).Select(r => r.FullName);
        var keys = new List<PullRequestKey>();
        foreach (var fullName in repositories)
        {
            var key = PullRequestKey.Create(installation, fullName, 0);
            var open = await client.ListOpenPullRequestsAsync(key.Owner, key.Repo, cancellationToken);
            keys.AddRange(open.Select(pr => key with { Number = pr.Number }));
        }
        return keys;
    }
}
