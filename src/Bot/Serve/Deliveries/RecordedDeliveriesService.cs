using Microsoft.Extensions.Options;

namespace Bot.Serve.Deliveries;

/// <summary>Runs the <see cref="RecordedDeliveriesPass"/> at start-up and every <see cref="RecordedDeliveriesOptions.DeliveriesIntervalMinutes"/>.
/// It only takes deliveries into the inbox, so it runs in intake-only processes too (GUIDs make it safe beside others).</summary>
public sealed class RecordedDeliveriesService(
    RecordedDeliveriesPass pass,
    IOptions<RecordedDeliveriesOptions> options,
    ILogger<RecordedDeliveriesService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeliveriesEnabled) return;
        var interval = TimeSpan.FromMinutes(Math.Max(0.01, options.Value.DeliveriesIntervalMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // GitHub unreachable, say: nothing is lost, the mark has not moved and the next pass reads from it again.
                logger.LogError(e, "Deliveries pass failed; the next pass runs in {Interval}", interval);
            }
            await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
