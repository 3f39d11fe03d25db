using System.Globalization;
using Bot.Evidence.Health;
using Bot.Evidence.Inbox;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Http;

/// <summary>What the readiness check found: ready when <see cref="Problems"/> is empty.</summary>
public sealed record ReadinessReport(IReadOnlyList<string> Problems, long? PendingDeliveries)
{
    public bool Ready => Problems.Count == 0;
}

/// <summary>Whether this process can take deliveries now: the evidence database takes a write (its write lock within
/// <c>Readiness:WriteProbeSeconds</c>, and the workers' last write did not fail) and the inbox is not over
/// <c>Readiness:MaxPendingDeliveries</c>. The reasons go to the log, once per change (probes come every few seconds),
/// and to <c>/status</c>; <c>/readyz</c> only says yes or no.</summary>
public sealed class Readiness(IDeliveryInbox inbox, IStoreHealth storeHealth, ServiceHealth workers, IOptions<ReadinessOptions> options, ILogger<Readiness> logger)
{
    private readonly Lock _gate = new();
    private string _lastProblems = "";

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var problems = new List<string>();
        if (workers.StoreProblem is { } failing)
            problems.Add(failing);
        await ProbeWriteAsync(settings.WriteProbeSeconds, problems, cancellationToken);
        long? pending = null;
        try
        {
            pending = await inbox.CountPendingAsync(cancellationToken);
            if (pending > settings.MaxPendingDeliveries)
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the inbox holds {pending} pending deliveries, over Readiness:MaxPendingDeliveries ({settings.MaxPendingDeliveries})"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add($"evidence database cannot be read: {e.Message}");
        }
        var report = new ReadinessReport(problems, pending);
        LogChange(report);
        return report;
    }

    private async Task ProbeWriteAsync(double seconds, List<string> problems, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await storeHealth.ProbeWriteAsync(bound.Token).WaitAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"evidence database: no write lock within {seconds} s (held by another process, or the disk stalls)"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add($"evidence database cannot be written: {e.Message}");
        }
    }

    private void LogChange(ReadinessReport report)
    {
        var problems = string.Join("; ", report.Problems);
        lock (_gate)
        {
            if (problems == _lastProblems) return;
            _lastProblems = problems;
        }
        if (report.Ready)
            logger.LogInformation("Ready again: deliveries can be taken");
        else
            logger.LogWarning("Not ready: {Problems}", problems);
    }
}
