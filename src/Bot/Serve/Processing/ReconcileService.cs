using Bot.Population;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Processing;

/// <summary>Nothing missed (policy.md §8), on two clocks that start at start-up: the stale-check sweep every
/// <see cref="ReconcileOptions.IntervalMinutes"/> (<see cref="StaleCheckSweep"/>) and the population reconciliation with
/// branch history every <see cref="ReconcileOptions.PopulationIntervalMinutes"/> (<see cref="PopulationReconciler"/>).
/// Both are worker work (they evaluate, post and record), so a process without workers runs neither; with several
/// replicas each runs on the one holding its lease (<see cref="WorkLeaseKeeper"/>).</summary>
public sealed class ReconcileService(
    StaleCheckSweep sweep,
    PopulationReconciler population,
    IOptions<ReconcileOptions> options,
    IOptions<WorkerOptions> workers,
    WorkLeaseKeeper leases,
    ILogger<ReconcileService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || !workers.Value.Enabled) return Task.CompletedTask;
        return Task.WhenAll(
            RepeatingPass.RunLeasedAsync(leases, "stale-check-sweep", "Stale-check sweep", options.Value.IntervalMinutes, async token =>
            {
                var evaluated = await SweepAsync(token);
                logger.LogInformation("Stale-check sweep evaluated {Count} pull requests again", evaluated);
            }, logger, stoppingToken),
            RepeatingPass.RunLeasedAsync(leases, "population-reconciliation", "Population reconciliation", options.Value.PopulationIntervalMinutes, async token =>
            {
                var report = await ReconcilePopulationAsync(token);
                logger.LogInformation("Population reconciliation: {Repositories} repositories ({Unchanged} without a push since the last pass, {Failed} failed), {Branches} branches read, {Commits} commits found that no recorded change held",
                    report.Repositories, report.Unchanged, report.Failed, report.BranchesRead, report.NewCommits);
            }, logger, stoppingToken));
    }

    public Task<int> SweepAsync(CancellationToken cancellationToken) => sweep.SweepAsync(cancellationToken);

    public Task<PopulationPassReport> ReconcilePopulationAsync(CancellationToken cancellationToken) => population.ReconcileAsync(cancellationToken);
}
