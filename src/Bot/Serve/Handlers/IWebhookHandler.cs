using Bot.Serve.Evaluation;

namespace Bot.Serve.Handlers;

/// <summary>The work of one webhook event. The worker picks the handler by the delivery's stored route (its
/// <c>X-GitHub-Event</c>) and schedules the pull requests it returns; a handler does the event's own work (records a change,
/// an override, a merge group decision) and throws when that fails, so that the delivery is retried.</summary>
public interface IWebhookHandler
{
    /// <summary>The <c>X-GitHub-Event</c> names this handler takes; one event has one handler.</summary>
    IReadOnlyCollection<string> Events { get; }

    /// <returns>The pull requests to evaluate now; empty when the delivery's work is done.</returns>
    Task<IReadOnlyList<PullRequestKey>> HandleAsync(RoutedDelivery delivery, CancellationToken cancellationToken);
}
