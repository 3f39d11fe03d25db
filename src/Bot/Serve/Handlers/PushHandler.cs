using Bot.GitHub.Webhooks.Payloads;
using Bot.Population;
using Bot.Serve.Evaluation;

namespace Bot.Serve.Handlers;

/// <summary><c>push</c>: a push into an in-scope branch joins the change population (policy.md §5), and a push that
/// touches the policy file ends its cached copy. Nothing to evaluate: a pull request's new head comes as its own
/// <c>synchronize</c>.</summary>
public sealed class PushHandler(ChangeRecorder changes) : IWebhookHandler
{
    public IReadOnlyCollection<string> Events { get; } = [WebhookEventNames.Push];

    public async Task<IReadOnlyList<PullRequestKey>> HandleAsync(RoutedDelivery delivery, CancellationToken cancellationToken)
    {
        var push = await delivery.PayloadAsync<PushEvent>(cancellationToken);
        await changes.RecordPushAsync(delivery.InstallationId, push, delivery.DeliveryId, delivery.Delivery.ReceivedAt, cancellationToken);
        return [];
    }
}
