using Bot.Serve.Processing;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Deliveries;

/// <summary>Runs the <see cref="RecordedDeliveriesPass"/> at start-up and every <see cref="RecordedDeliveriesOptions.DeliveriesIntervalMinutes"/>.
/// It only takes deliveries into the inbox, so it runs in intake-only processes too; with several replicas, on the one holding
/// its lease (GUIDs would make it safe beside others, but reading GitHub's list once is enough).</summary>
public sealed class RecordedDeliveriesService(
    RecordedDeliveriesPass pass,
    IOptions<RecordedDeliveriesOptions> options,
    WorkLeaseKeeper leases,
    ILogger<RecordedDeliveriesService> logger) : BackgroundService
{
    // A failed pass (GitHub unreachable, say) loses nothing: the mark has not moved and the next pass reads from it again.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.DeliveriesEnabled
        ? Task.CompletedTask
        : RepeatingPass.RunLeasedAsync(leases, "deliveries-pass", "Deliveries pass", options.Value.DeliveriesIntervalMinutes, pass.RunAsync, logger,
            stoppingToken);
}
