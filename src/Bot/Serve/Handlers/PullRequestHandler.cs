using Bot.GitHub.Webhooks.Payloads;
using Bot.Population;
using Bot.Serve.Evaluation;

namespace Bot.Serve.Handlers;

/// <summary><c>pull_request</c>: opened, edited, synchronized and the like only say "evaluate this pull request", which the
/// stored route names; a closed one joins the change population when it merged (policy.md §5), read from its payload.</summary>
public sealed class PullRequestHandler(ChangeRecorder changes) : IWebhookHandler
{
    public IReadOnlyCollection<string> Events { get; } = [WebhookEventNames.PullRequest];

    public async Task<IReadOnlyList<PullRequestKey>> HandleAsync(RoutedDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Action != "closed")
            return await delivery.NamedPullRequestAsync(cancellationToken);
        var closed = await delivery.PayloadAsync<PullRequestEvent>(cancellationToken);
        await changes.RecordMergeAsync(delivery.InstallationId, closed, delivery.DeliveryId, delivery.Delivery.ReceivedAt, cancellationToken);
        return [];
    }
}
