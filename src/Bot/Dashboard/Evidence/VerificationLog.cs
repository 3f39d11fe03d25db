using Bot.Evidence.Dashboard;
using Bot.Evidence.Health;
using Bot.Evidence.Storage;

namespace Bot.Dashboard.Evidence;

/// <summary>One run of the Verify page: when, by whom, and each chain's result.</summary>
public sealed record VerificationRun(DateTimeOffset At, string By, TimeSpan Took, IReadOnlyList<ChainReport> Chains, string? Error)
{
    public bool Intact => Error is null && Chains.All(c => c.Result.Ok);
}

/// <summary>
/// Runs chain verification for the dashboard, one run at a time (a second press waits for the first instead of doubling
/// the work), and remembers the latest run for the Overview. Kept in memory: after a restart the Overview says the chains
/// have not been verified by this process yet.
/// </summary>
public sealed class VerificationLog(TimeProvider clock, IStoreErrors errors)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public VerificationRun? Latest { get; private set; }

    public async Task<VerificationRun> RunAsync(IAuditReader store, string by, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var started = clock.GetTimestamp();
            var at = clock.GetUtcNow();
            VerificationRun run;
            try
            {
                // Recomputing every hash takes seconds on a large store: off the request thread.
                var chains = await Task.Run(store.VerifyChains, cancellationToken);
                run = new VerificationRun(at, by, clock.GetElapsedTime(started), chains, null);
            }
            catch (Exception e) when (e is IOException or EvidenceSchemaException or UnauthorizedAccessException || errors.IsStoreError(e))
            {
                run = new VerificationRun(at, by, clock.GetElapsedTime(started), [], e.Message);
            }
            Latest = run;
            return run;
        }
        finally
        {
            _one.Release();
        }
    }
}
