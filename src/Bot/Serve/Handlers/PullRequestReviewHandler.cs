using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;

namespace Bot.Serve.Handlers;

/// <summary><c>pull_request_review</c> submitted, edited or dismissed: evaluate the pull request the stored route names
/// (the evaluation reads the reviews from GitHub, never from the payload).</summary>
public sealed class PullRequestReviewHandler : IWebhookHandler
{
    public IReadOnlyCollection<string> Events { get; } = [WebhookEventNames.PullRequestReview];

    public Task<IReadOnlyList<PullRequestKey>> HandleAsync(RoutedDelivery delivery, CancellationToken cancellationToken) =>
        delivery.NamedPullRequestAsync(cancellationToken);
}
