using Bot.Evidence.Health;
using Bot.Evidence.Inbox;
using Bot.GitHub;
using Bot.GitHub.Webhooks;
using Bot.GitHub.Webhooks.Payloads;
using Bot.Population;
using Bot.Serve.Evaluation;
using Bot.Serve.Logging;
using Bot.Serve.MergeQueue;
using Bot.Serve.Overrides;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Processing;

/// <summary>Turns one claimed inbox delivery into its work, then marks it processed, or schedules a retry with
/// backoff, or after the last attempt marks it failed and says so on the check run (never <c>success</c>).</summary>
public sealed class DeliveryHandler(
    PullRequestScheduler scheduler,
    PullRequestEvaluator evaluator,
    ChangeRecorder changes,
    OverrideCommandHandler overrides,
    MergeGroupEvaluator mergeGroups,
    GitHubApp github,
    IDeliveryInbox inbox,
    IStoreErrors storeErrors,
    IOptions<WorkerOptions> options,
    IOptions<GitHubOptions> githubOptions,
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
            if (PullRequestOfRoute(delivery) is { } routed)
            {
                touched = [routed];
            }
            else if (WebhookEnvelope.Parse(delivery.Event, await inbox.ReadBodyAsync(delivery.DeliveryId, cancellationToken))
                     is WebhookParseResult.Parsed parsed)
            {
                await RecordChangeAsync(parsed.Event, delivery, cancellationToken);
                await mergeGroups.HandleAsync(parsed.Event, delivery, cancellationToken);
                touched = await PullRequestsOfAsync(parsed.Event, delivery.DeliveryId, cancellationToken);
            }
            else
            {
                // It parsed when it was accepted; a body that no longer parses means the stored row is damaged.
                await inbox.MarkFailedAsync(delivery.DeliveryId, "stored body no longer parses", cancellationToken);
                logger.LogError("Delivery {DeliveryId} ({Event}) no longer parses; marked failed", delivery.DeliveryId, delivery.Event);
                return;
            }
            var trigger = new DeliveryTrigger(delivery.DeliveryId, Retried: delivery.Attempts > 1) { ReceivedAt = delivery.ReceivedAt };
            foreach (var outcome in await Task.WhenAll(touched.Select(key => scheduler.ScheduleAsync(key, trigger, cancellationToken))))
                logger.LogDebug("Delivery {DeliveryId}: {Note}", delivery.DeliveryId, outcome.Note);
            await inbox.MarkProcessedAsync(delivery.DeliveryId, cancellationToken);
            _gaveUp.End(out _, out _);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the delivery stays "processing" and is recovered as pending at the next start.
        }
        catch (Exception e)
        {
            await FailAttemptAsync(delivery, touched, e, cancellationToken);
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

    /// <summary>Most deliveries are pull_request or pull_request_review events that only say "evaluate this pull request":
    /// their route (worked out from the verified body when it was accepted, and stored with it) is all the work needs,
    /// so the body is not parsed again. Closed pull requests join the change population and take the full path.</summary>
    private static PullRequestKey? PullRequestOfRoute(ClaimedDelivery delivery) =>
        delivery is { PullRequestNumber: { } number, InstallationId: { } installation, Repository: { } repository }
        && WebhookRouting.IsRouteOnly(delivery.Event, delivery.Action)
            ? PullRequestKey.Create(installation, repository, number)
            : null;

    /// <summary>GitHub knows no such installation of this App (a signed payload naming someone else's installation): no
    /// retry can change that, so the delivery fails at once instead of after all its attempts.</summary>
    private static bool IsUnknownInstallation(Exception error) =>
        error is Bot.GitHub.Rest.GitHubApiException { StatusCode: 404, Path: var path }
        && path.EndsWith("/access_tokens", StringComparison.Ordinal);

    /// <summary>The pull requests a delivery asks the bot to evaluate; empty for deliveries that are only recorded.</summary>
    private async Task<IReadOnlyList<PullRequestKey>> PullRequestsOfAsync(WebhookEvent payload, string deliveryId, CancellationToken cancellationToken)
    {
        var route = WebhookRouting.Classify(payload);
        if (!route.Act || route.InstallationId is not { } installation)
            return [];

        switch (payload)
        {
            case PullRequestEvent { Action: "closed" }:
            case PushEvent:
                return []; // recorded in the change population (RecordChangeAsync), nothing to evaluate
            case IssueCommentEvent comment when route.Repository is { } commented:
                // Only /ai-compliance commands matter; a recorded override or revocation re-evaluates the pull request.
                var commentedOn = PullRequestKey.Create(installation, commented, comment.Issue.Number);
                return await overrides.HandleAsync(comment, commentedOn, deliveryId, cancellationToken) ? [commentedOn] : [];
            case InstallationEvent { Action: "deleted" or "suspend" }:
                github.Tokens.Invalidate(installation);
                return [];
            case InstallationEvent or InstallationRepositoriesEvent:
                return await OpenPullRequestsAsync(installation, payload, cancellationToken);
            case CheckRunEvent { CheckRun.App: { } app } when !IsOurApp(app.Id):
                return []; // somebody else's check run
            case CheckRunEvent check when check.CheckRun.PullRequests.Count > 0:
                return check.CheckRun.PullRequests.Select(pr => PullRequestKey.Create(installation, route.Repository!, pr.Number)).ToList();
            case CheckSuiteEvent suite when suite.CheckSuite.PullRequests.Count > 0:
                return suite.CheckSuite.PullRequests.Select(pr => PullRequestKey.Create(installation, route.Repository!, pr.Number)).ToList();
            case CheckRunEvent or CheckSuiteEvent when route.HeadSha is { } sha && route.Repository is { } repository:
                // Fork pull requests arrive without pull_requests: ask GitHub which open ones hold the commit.
                var key = PullRequestKey.Create(installation, repository, 0);
                var found = await github.ForInstallation(installation).ListPullRequestsForCommitAsync(key.Owner, key.Repo, sha, cancellationToken);
                return found.Where(pr => pr.State == "open").Select(pr => key with { Number = pr.Number }).ToList();
            default:
                return route.PullRequestNumber is { } number && route.Repository is { } repo
                    ? [PullRequestKey.Create(installation, repo, number)]
                    : [];
        }
    }

    /// <summary>Merges and pushes into in-scope branches join the change population (policy.md §5).</summary>
    private Task RecordChangeAsync(WebhookEvent payload, ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var route = WebhookRouting.Classify(payload);
        if (!route.Act || route.InstallationId is not { } installation)
            return Task.CompletedTask;
        return payload switch
        {
            PullRequestEvent { Action: "closed" } merged => changes.RecordMergeAsync(installation, merged, delivery.DeliveryId, delivery.ReceivedAt, cancellationToken),
            PushEvent push => changes.RecordPushAsync(installation, push, delivery.DeliveryId, delivery.ReceivedAt, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>The configured App id may be a client id (a string); only a numeric one can be compared.</summary>
    private bool IsOurApp(long appId) => githubOptions.Value.NumericAppId is not { } ours || ours == appId;

    private async Task<IReadOnlyList<PullRequestKey>> OpenPullRequestsAsync(long installation, WebhookEvent payload, CancellationToken cancellationToken)
    {
        var client = github.ForInstallation(installation);
        IEnumerable<string> repositories = payload switch
        {
            InstallationRepositoriesEvent added => added.RepositoriesAdded.Select(r => r.FullName),
            InstallationEvent { Repositories: { } listed } => listed.Select(r => r.FullName),
            _ => (await client.ListInstallationRepositoriesAsync(cancellationToken)).Select(r => r.FullName),
        };
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
