using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;
using Bot.Serve.MergeQueue;

namespace Bot.Serve.Handlers;

/// <summary><c>merge_group</c> checks_requested (policy.md §9): the group is judged and its check run posted by
/// <see cref="MergeGroupEvaluator"/>; no pull request is evaluated again.</summary>
public sealed class MergeGroupHandler(MergeGroupEvaluator mergeGroups) : IWebhookHandler
{
    public IReadOnlyCollection<string> Events { get; } = [WebhookEventNames.MergeGroup];

    public async Task<IReadOnlyList<PullRequestKey>> HandleAsync(RoutedDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Action != "checks_requested" || delivery.Repository is not { } repository)
            return [];
        var queued = await delivery.PayloadAsync<MergeGroupEvent>(cancellationToken);
        await mergeGroups.HandleAsync(queued, PullRequestKey.Create(delivery.InstallationId, repository, 0), delivery.Delivery, cancellationToken);
        return [];
    }
}
