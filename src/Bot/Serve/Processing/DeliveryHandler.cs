using Bot.Evidence.Health;
using Bot.Evidence.Inbox;
using Bot.Serve.Evaluation;
using Bot.Serve.Handlers;
using Bot.Serve.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Processing;

/// <summary>Turns one claimed inbox delivery into its work (the handler of its event, then the evaluations it asks for), then marks it processed, or schedules a retry with
/// backoff, or after the last attempt marks it failed and says so on the check run (never <c>success</c>).</summary>
public sealed class DeliveryHandler(
    WebhookHandlerMap handlers,
    PullRequestScheduler scheduler,
    PullRequestEvaluator evaluator,
    IDeliveryInbox inbox,
    IStoreErrors storeErrors,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<DeliveryHandler> logger)
{
    // Deliveries that run out of attempts during an outage all fail the same way: the stack trace once per kind.
    private readonly FailureStreak _gaveUp = new();

    public async Task HandleAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        IReadOnlyList<PullRequestKey> touched = [];
        try
        {
            // Intake stored the delivery pending because it is acted on, with its route: the route picks the handler. An
            // event no handler takes, or a delivery naming no installation, is processed with nothing to do.
            var routed = RoutedDelivery.FromInbox(delivery, inbox);
            if (handlers.For(delivery.Event) is { } handler && routed is not null)
                touched = await handler.HandleAsync(routed, cancellationToken);
            var trigger = new DeliveryTrigger(delivery.DeliveryId, Retried: delivery.Attempts > 1) { ReceivedAt = delivery.ReceivedAt };
            foreach (var outcome in await Task.WhenAll(touched.Select(key =>
                         scheduler.ScheduleAsync(key, trigger with { Decided = routed?.DecidedFor(key) }, cancellationToken))))
                logger.LogDebug("Delivery {DeliveryId}: {Note}", delivery.DeliveryId, outcome.Note);
            await inbox.MarkProcessedAsync(delivery.DeliveryId, cancellationToken);
            _gaveUp.End(out _, out _);
        }
        catch (DamagedDeliveryException damaged)
        {
            // It parsed when it was accepted; a body that no longer parses means the stored row is damaged.
            await inbox.MarkFailedAsync(delivery.DeliveryId, "stored body no longer parses", cancellationToken);
            logger.LogError("Delivery {DeliveryId} ({Event}) no longer parses; marked failed: {Reason}", delivery.DeliveryId, delivery.Event, damaged.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await HandBackAsync(delivery);
        }
        catch (Exception e)
        {
            await FailAttemptAsync(delivery, touched, e, cancellationToken);
        }
    }

    /// <summary>This process is stopping in the middle of the delivery's work: it goes back to pending at once, its attempt
    /// handed back, so that another replica (or this one after its restart) takes it now rather than when its claim
    /// expires. Work already done is done again at most; nothing is lost. If even that write fails, the claim expires.</summary>
    private async Task HandBackAsync(ClaimedDelivery delivery)
    {
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await inbox.MarkRetryUncountedAsync(delivery.DeliveryId, "the process stopped before finishing it", clock.GetUtcNow(), bounded.Token);
            logger.LogInformation("Delivery {DeliveryId} ({Event}) handed back to the inbox: this process is stopping", delivery.DeliveryId, delivery.Event);
        }
        catch (Exception e)
        {
            logger.LogWarning("Delivery {DeliveryId} ({Event}) could not be handed back while stopping; it is taken again when its claim expires: {Reason}",
                delivery.DeliveryId, delivery.Event, FailureStreak.Reason(e));
        }
    }

    private async Task FailAttemptAsync(ClaimedDelivery delivery, IReadOnlyList<PullRequestKey> touched, Exception error, CancellationToken cancellationToken)
    {
        var reason = $"{error.GetType().Name}: {error.Message}";
        if (storeErrors.IsUnavailable(error))
        {
            // The bot's own store failed (disk full, locked): not the change's fault, so the attempt is not counted.
            var wait = TimeSpan.FromSeconds(options.Value.RetryBaseSeconds);
            logger.LogWarning("Delivery {DeliveryId} ({Event}) waits for the evidence store, retrying in {Delay}: {Reason}",
                delivery.DeliveryId, delivery.Event, wait, reason);
            await inbox.MarkRetryUncountedAsync(delivery.DeliveryId, reason, clock.GetUtcNow() + wait, cancellationToken);
            return;
        }
        if (RateLimitFailure.ResetOf(error) is { } reset)
        {
            // The installation's budget is spent: not the change's fault, nothing to report on the check run (which stays as
            // it is, never failure or success). The delivery waits for the reset without using up an attempt; meanwhile the
            // installation's other work is held back before it reaches GitHub (InstallationRateLimits).
            logger.LogWarning("Delivery {DeliveryId} ({Event}) waits for installation {Installation}'s API rate limit to reset at {Reset:O}",
                delivery.DeliveryId, delivery.Event, delivery.InstallationId, reset);
            await inbox.MarkRetryUncountedAsync(delivery.DeliveryId, reason, RateLimitFailure.WaitUntil(reset, clock.GetUtcNow()), cancellationToken);
            return;
        }
        if (IsUnknownInstallation(error))
        {
            // Nothing to report it on either: GitHub gives no token for that installation.
            logger.LogError("Delivery {DeliveryId} ({Event}) names installation {Installation}, which GitHub does not know for this App; marked failed",
                delivery.DeliveryId, delivery.Event, delivery.InstallationId);
            await inbox.MarkFailedAsync(delivery.DeliveryId, reason, cancellationToken);
            return;
        }
        if (delivery.Attempts >= options.Value.MaxAttempts)
        {
            logger.LogError(_gaveUp.StackTraceOnce(error), "Delivery {DeliveryId} ({Event}) failed after {Attempts} attempts; marked failed: {Reason}",
                delivery.DeliveryId, delivery.Event, delivery.Attempts, FailureStreak.Reason(error));
            await inbox.MarkFailedAsync(delivery.DeliveryId, reason, cancellationToken);
            foreach (var key in touched)
                await evaluator.ReportUnableToEvaluateAsync(key, reason, cancellationToken);
            return;
        }
        var delay = TimeSpan.FromSeconds(options.Value.RetryBaseSeconds * Math.Pow(2, delivery.Attempts - 1));
        logger.LogWarning("Delivery {DeliveryId} ({Event}) attempt {Attempts} failed, retrying in {Delay}: {Reason}",
            delivery.DeliveryId, delivery.Event, delivery.Attempts, delay, reason);
        await inbox.MarkRetryAsync(delivery.DeliveryId, reason, clock.GetUtcNow() + delay, cancellationToken);
    }

    /// <summary>GitHub knows no such installation of this App (a signed payload naming someone else's installation): no
    /// retry can change that, so the delivery fails at once instead of after all its attempts.</summary>
    private static bool IsUnknownInstallation(Exception error) =>
        error is Bot.GitHub.Rest.GitHubApiException { StatusCode: 404, Path: var path }
        && path.EndsWith("/access_tokens", StringComparison.Ordinal);
}
