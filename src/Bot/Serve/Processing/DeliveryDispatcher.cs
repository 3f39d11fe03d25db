using System.Collections.Concurrent;
using Bot.Evidence.Inbox;
using Bot.Serve.Http;
using Bot.Serve.Logging;
using Bot.Serve.Telemetry;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Processing;

/// <summary>The worker side of the inbox: at start-up it returns deliveries a dead process left "processing" to
/// "pending", then claims pending deliveries (woken by <see cref="InboxSignal"/> or the poll interval) and hands each
/// to the <see cref="DeliveryHandler"/>, bounding how many are in flight.</summary>
public sealed class DeliveryDispatcher(
    IDeliveryInbox inbox,
    ServiceHealth health,
    DeliveryHandler handler,
    InboxSignal signal,
    DeliveryTraceContexts traces,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private const int ClaimBatch = 256;

    // Deliveries whose outcome could not even be written (the handler's own inbox update failed): they are still
    // "processing" in the inbox, so they are handed back as pending once the store takes writes again.
    private readonly ConcurrentDictionary<string, string> _stranded = new(StringComparer.Ordinal);

    // A store that refuses claims or outcomes refuses them every poll: the stack trace once, a line each time.
    private readonly FailureStreak _claimFailures = new();
    private readonly FailureStreak _strandFailures = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogWarning("Workers are disabled (Worker:Enabled=false): deliveries are stored and answered, and stay pending until a process with workers takes them");
            return;
        }
        var recovered = await inbox.RecoverAsync(stoppingToken);
        if (recovered > 0)
            logger.LogWarning("Recovered {Count} deliveries left in processing by a previous process (whose claims expired)", recovered);

        var inFlightLimit = Math.Max(1, options.Value.MaxInFlight);
        using var inFlight = new SemaphoreSlim(inFlightLimit, inFlightLimit);
        var running = new HashSet<Task>();
        var poll = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReleaseStrandedAsync(stoppingToken);
                var free = inFlight.CurrentCount;
                var claimed = free == 0 ? [] : await inbox.ClaimAsync(Math.Min(free, ClaimBatch), stoppingToken);
                foreach (var delivery in claimed)
                {
                    await inFlight.WaitAsync(stoppingToken);
                    var task = Task.Run(async () =>
                    {
                        // Continues the trace of the request that delivered it (when this process received it).
                        using var activity = ServeTelemetry.StartProcessing(delivery, traces);
                        try { await handler.HandleAsync(delivery, stoppingToken); }
                        catch (DeliveryNotClaimedException e)
                        {
                            // This replica's claim lapsed (the store was out of reach longer than the lease) and another
                            // replica took the delivery over: it finishes it; nothing to hand back here.
                            logger.LogWarning("Delivery {DeliveryId} was taken over by another replica before this one finished it: {Reason}",
                                delivery.DeliveryId, e.Message);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            Strand(delivery.DeliveryId, e);
                        }
                        finally { inFlight.Release(); }
                    }, CancellationToken.None);
                    lock (running) running.Add(task);
                    _ = task.ContinueWith(t => { lock (running) running.Remove(t); }, TaskScheduler.Default);
                }
                if (_claimFailures.End(out var failures, out var since))
                    logger.LogInformation("Claiming deliveries from the inbox works again after {Failures} failures since {Since:O}", failures, since);
                if (claimed.Count < ClaimBatch)
                    await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database may be briefly locked or the disk full: nothing is lost (deliveries stay in the inbox).
                logger.LogError(_claimFailures.StackTraceOnce(e), "Claiming deliveries from the inbox failed ({Failures} in a row), retrying in {Delay}: {Reason}",
                    _claimFailures.Failures, poll, FailureStreak.Reason(e));
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        Task[] remaining;
        // (A delivery still stranded at shutdown is "processing" and comes back as pending at the next start.)
        lock (running) remaining = [.. running];
        await Task.WhenAll(remaining).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void Strand(string deliveryId, Exception error)
    {
        var reason = $"{error.GetType().Name}: {error.Message}";
        _stranded[deliveryId] = reason;
        health.WriteFailed(reason, clock.GetUtcNow());
        logger.LogError(_strandFailures.StackTraceOnce(error),
            "Could not record the outcome of delivery {DeliveryId}; it stays in the inbox and is retried once the store takes writes: {Reason}",
            deliveryId, FailureStreak.Reason(error));
    }

    private async Task ReleaseStrandedAsync(CancellationToken cancellationToken)
    {
        foreach (var (deliveryId, reason) in _stranded)
        {
            try
            {
                await inbox.MarkRetryUncountedAsync(deliveryId, reason, clock.GetUtcNow(), cancellationToken);
                logger.LogWarning("Delivery {DeliveryId} is pending again after the store recovered", deliveryId);
            }
            catch (DeliveryNotClaimedException)
            {
                logger.LogWarning("Delivery {DeliveryId} was taken over by another replica while the store was out of reach", deliveryId);
            }
            _stranded.TryRemove(deliveryId, out _);
            _strandFailures.End(out _, out _);
            health.WriteSucceeded();
        }
    }
}
