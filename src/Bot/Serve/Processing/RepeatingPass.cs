using Bot.Serve.Logging;

namespace Bot.Serve.Processing;

/// <summary>The loop of the background passes (the deliveries pass, the stale-check sweep, the population reconciliation):
/// once at start-up, then every interval until the service stops. A failed pass is logged and the next one runs on time;
/// nothing is lost, since each pass starts from what the store says is done.</summary>
internal static class RepeatingPass
{
    /// <summary>As <see cref="RunAsync"/>, each pass only while this replica holds the lease <paramref name="lease"/>
    /// (<see cref="WorkLeaseKeeper"/>): with several replicas on one store, the pass runs on one of them at a time.</summary>
    public static Task RunLeasedAsync(WorkLeaseKeeper leases, string lease, string name, double intervalMinutes, Func<CancellationToken, Task> pass,
        ILogger logger, CancellationToken stoppingToken) =>
        RunAsync(name, intervalMinutes, token => leases.RunIfHeldAsync(lease, name, pass, token), logger, stoppingToken);

    public static async Task RunAsync(string name, double intervalMinutes, Func<CancellationToken, Task> pass, ILogger logger, CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(0.01, intervalMinutes));
        // A pass fails every interval while GitHub is unreachable: its stack trace once, then a line per pass.
        var failures = new FailureStreak();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken);
                if (failures.End(out var failed, out var since))
                    logger.LogInformation("{Pass} works again after {Failures} failures since {Since:O}", name, failed, since);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(failures.StackTraceOnce(e), "{Pass} failed ({Failures} in a row); the next one runs in {Interval}: {Reason}",
                    name, failures.Failures, interval, FailureStreak.Reason(e));
            }
            await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
