using Bot.Serve.Processing;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Deliveries;

/// <summary>Runs the <see cref="RecordedDeliveriesPass"/> at start-up and every <see cref="RecordedDeliveriesOptions.DeliveriesIntervalMinutes"/>.
/// It only takes deliveries into the inbox, so it runs in intake-only processes too (GUIDs make it safe beside others).</summary>
public sealed class RecordedDeliveriesService(
    RecordedDeliveriesPass pass,
    IOptions<RecordedDeliveriesOptions> options,
    ILogger<RecordedDeliveriesService> logger) : BackgroundService
{
    // A failed pass (GitHub unreachable, say) loses nothing: the mark has not moved and the next pass reads from it again.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.DeliveriesEnabled
        ? Task.CompletedTask
        : RepeatingPass.RunAsync("Deliveries pass", options.Value.DeliveriesIntervalMinutes, pass.RunAsync, logger, stoppingToken);
}
