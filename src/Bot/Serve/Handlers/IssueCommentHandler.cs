using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;
using Bot.Serve.Overrides;

namespace Bot.Serve.Handlers;

/// <summary><c>issue_comment</c> on a pull request: only <c>/ai-compliance</c> commands in new comments matter (policy.md §7);
/// a recorded override or revocation re-evaluates the pull request.</summary>
public sealed class IssueCommentHandler(OverrideCommandHandler overrides) : IWebhookHandler
{
    public IReadOnlyCollection<string> Events { get; } = [WebhookEventNames.IssueComment];

    public async Task<IReadOnlyList<PullRequestKey>> HandleAsync(RoutedDelivery delivery, CancellationToken cancellationToken)
    {
        // Editing a comment afterwards changes nothing that was recorded, so an edit's body is not even read.
        if (delivery.Action != "created" || delivery.Repository is not { } repository)
            return [];
        var comment = await delivery.PayloadAsync<IssueCommentEvent>(cancellationToken);
        var commentedOn = PullRequestKey.Create(delivery.InstallationId, repository, comment.Issue.Number);
        var handled = await overrides.HandleAsync(comment, commentedOn, delivery.DeliveryId, cancellationToken);
        if (handled.Decided is { } decided)
            delivery.Decided(decided);
        return handled.Evaluate ? [commentedOn] : [];
    }
}
