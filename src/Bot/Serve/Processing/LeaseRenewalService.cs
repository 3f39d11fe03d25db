using Bot.Evidence.Inbox;
using Bot.Serve.Logging;

namespace Bot.Serve.Processing;

/// <summary>The replica's heartbeat: every third of <c>Evidence:LeaseSeconds</c> it renews the claims of the deliveries it
/// is working on and the leases of the periodic work it holds, so that while it lives no other replica takes them over;
/// at shutdown it hands its work leases back. (Its claims are finished or handed back by the dispatcher as it stops.)</summary>
public sealed class LeaseRenewalService(
    IDeliveryInbox inbox,
    WorkLeaseKeeper leases,
    Replica replica,
    ILogger<LeaseRenewalService> logger) : BackgroundService
{
    private readonly FailureStreak _failures = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Replica {Replica} renews its claims and leases every {Interval} (they hold for {Lease})",
            replica.Id, replica.RenewEvery, replica.Lease);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(replica.RenewEvery, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested)
                break;
            try
            {
                await inbox.RenewClaimsAsync(stoppingToken);
                await leases.RenewAsync(stoppingToken);
                if (_failures.End(out var failures, out var since))
                    logger.LogInformation("Renewing claims and leases works again after {Failures} failures since {Since:O}", failures, since);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store is unreachable: the claims and leases lapse if this lasts longer than the lease, and another
                // replica takes the work over; nothing is lost.
                logger.LogWarning(_failures.StackTraceOnce(e), "Renewing claims and leases failed ({Failures} in a row): {Reason}",
                    _failures.Failures, FailureStreak.Reason(e));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await leases.ReleaseAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not hand the work leases back at shutdown; they expire within {Lease}: {Reason}", replica.Lease, FailureStreak.Reason(e));
        }
    }
}
