using Bot.GitHub;
using Bot.Serve.Evaluation;
using Bot.Serve.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Processing;

/// <summary>At start-up and every <see cref="ReconcileOptions.IntervalMinutes"/>: evaluates every open pull request
/// whose head SHA has no check run of ours, so a webhook that never arrived cannot leave a required check stuck at
/// "Expected — waiting for status".</summary>
public sealed class ReconcileService(
    GitHubApp github,
    PullRequestScheduler scheduler,
    IOptions<ReconcileOptions> options,
    IOptions<WorkerOptions> workers,
    IOptions<ChecksOptions> checks,
    IOptions<GitHubOptions> githubOptions,
    ILogger<ReconcileService> logger) : BackgroundService
{
    // A sweep fails every interval while GitHub is unreachable: its stack trace once, then a line per sweep.
    private readonly FailureStreak _failures = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A sweep evaluates and posts check runs: worker work, so a process without workers does not sweep either.
        if (!options.Value.Enabled || !workers.Value.Enabled) return;
        var interval = TimeSpan.FromMinutes(Math.Max(0.01, options.Value.IntervalMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var evaluated = await SweepAsync(stoppingToken);
                logger.LogInformation("Reconcile sweep evaluated {Count} pull requests without a check run", evaluated);
                if (_failures.End(out var failures, out var since))
                    logger.LogInformation("Reconcile sweeps work again after {Failures} failed sweeps since {Since:O}", failures, since);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(_failures.StackTraceOnce(e), "Reconcile sweep failed ({Failures} in a row); the next sweep runs in {Interval}: {Reason}",
                    _failures.Failures, interval, FailureStreak.Reason(e));
            }
            await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        long? appId = long.TryParse(githubOptions.Value.AppId, out var id) ? id : null;
        var evaluations = new List<Task<EvaluationOutcome>>();
        foreach (var installation in await github.ListInstallationIdsAsync(cancellationToken))
        {
            var client = github.ForInstallation(installation);
            foreach (var repository in await client.ListInstallationRepositoriesAsync(cancellationToken))
            {
                foreach (var pullRequest in await client.ListOpenPullRequestsAsync(repository.Owner, repository.Name, cancellationToken))
                {
                    var runs = await client.ListCheckRunsAsync(repository.Owner, repository.Name, pullRequest.HeadSha, checks.Value.Name, appId, cancellationToken);
                    if (runs.Count > 0) continue;
                    var key = new PullRequestKey(installation, repository.Owner, repository.Name, pullRequest.Number);
                    evaluations.Add(scheduler.ScheduleAsync(key, trigger: null, cancellationToken));
                }
            }
        }
        await Task.WhenAll(evaluations);
        return evaluations.Count;
    }
}
