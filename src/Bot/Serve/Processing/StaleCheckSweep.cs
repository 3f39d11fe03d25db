using System.Collections.Concurrent;
using Bot.Evidence.CheckRuns;
using Bot.Evidence.Decisions;
using Bot.GitHub;
using Bot.GitHub.Rest;
using Bot.Serve.Evaluation;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Processing;

/// <summary>
/// The stale-check sweep (policy.md §8): evaluates again every open pull request whose head has no check run of ours,
/// whose check run does not show its last decision (an evaluation that never finished, a "could not evaluate" report),
/// whose description or base changed, or that was reviewed after its last decision; so a delivery that never arrived
/// cannot leave a required check stuck.
/// <para>Cost in API calls follows what changed, not the number of open pull requests: each repository's open pull
/// requests are read newest-updated first, only down to the previous sweep of that repository (a 304 when nothing
/// changed), judged against the check-run cache and the decisions in the store, and only a pull request GitHub changed
/// after its last decision costs a reviews call (once per change).</para>
/// <para>It yields to webhook-driven work: at most <see cref="ReconcileOptions.Concurrency"/> of its evaluations run at
/// once, fewer than <see cref="WorkerOptions.Concurrency"/> (unless that is 1), so deliveries keep evaluation slots of
/// their own.</para>
/// </summary>
public sealed class StaleCheckSweep(
    IInstallationClientFactory github,
    PullRequestScheduler scheduler,
    ICheckRunCache checkRuns,
    IDecisionLog decisions,
    IOptions<ReconcileOptions> options,
    IOptions<WorkerOptions> workers,
    TimeProvider clock,
    ILogger<StaleCheckSweep> logger)
{
    private const int MaxRemembered = 100_000;

    // Per repository, when the last sweep that judged all of it started. In memory on purpose: the first sweep after a
    // start reads every open pull request, which is how a restart after an outage catches up.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sweptThrough = new(StringComparer.OrdinalIgnoreCase);

    // Pull requests whose reviews were read and showed nothing newer than the decision, as of (updated_at, decision seq):
    // unchanged since, they cost no further call.
    private readonly ConcurrentDictionary<PullRequestKey, (DateTimeOffset UpdatedAt, long DecisionSeq)> _reviewsRead = new();

    private int Concurrency => Math.Clamp(options.Value.Concurrency, 1, Math.Max(1, workers.Value.Concurrency - 1));

    /// <summary>Returns how many pull requests were evaluated again.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var evaluated = 0;
        foreach (var installation in await github.ListInstallationIdsAsync(cancellationToken))
        {
            var client = github.ForInstallation(installation);
            foreach (var repository in await client.ListInstallationRepositoriesAsync(cancellationToken))
            {
                try
                {
                    evaluated += await SweepRepositoryAsync(client, installation, repository, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Stale-check sweep of {Repository} failed; it is swept in full at the next sweep", repository.FullName);
                }
            }
        }
        if (_reviewsRead.Count > MaxRemembered) _reviewsRead.Clear();
        return evaluated;
    }

    private async Task<int> SweepRepositoryAsync(IGitHubInstallationClient client, long installation, RepositoryInfo repository, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        DateTimeOffset? since = _sweptThrough.TryGetValue(repository.FullName, out var through) ? through - StaleCheck.ClockMargin : null;
        var stale = new List<PullRequestKey>();
        foreach (var activity in await client.ListOpenPullRequestsUpdatedSinceAsync(repository.Owner, repository.Name, since, cancellationToken))
        {
            var key = PullRequestKey.Create(installation, repository.FullName, activity.PullRequest.Number);
            if (await StaleReasonAsync(client, key, activity, cancellationToken) is not { } why) continue;
            logger.LogInformation("{PullRequest} at {HeadSha} is stale ({Why}); evaluating it again", key.ToString(), activity.PullRequest.HeadSha, why);
            stale.Add(key);
        }

        var failures = 0;
        await Parallel.ForEachAsync(stale, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (key, token) =>
            {
                try
                {
                    await scheduler.ScheduleAsync(key, trigger: null, token);
                    _reviewsRead.TryRemove(key, out _);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                    logger.LogWarning(e, "Stale-check sweep could not evaluate {PullRequest}; it is looked at again at the next sweep", key.ToString());
                }
            });
        // Only a repository judged in full moves on; otherwise the next sweep reads it from the start again.
        if (failures == 0) _sweptThrough[repository.FullName] = started;
        return stale.Count - failures;
    }

    private async Task<string?> StaleReasonAsync(IGitHubInstallationClient client, PullRequestKey key, PullRequestActivity activity, CancellationToken cancellationToken)
    {
        var head = activity.PullRequest.HeadSha;
        var run = await checkRuns.GetAsync(key.Repository, head, cancellationToken);
        var decision = await decisions.LatestForHeadAsync(key.Repository, head, cancellationToken);
        var (staleness, why) = StaleCheck.Judge(activity.PullRequest, activity.UpdatedAt, run, decision);
        if (staleness != Staleness.ReviewsMayHaveChanged)
            return staleness == Staleness.Stale ? why : null;

        var seen = (activity.UpdatedAt, decision!.Seq);
        if (_reviewsRead.TryGetValue(key, out var read) && read == seen)
            return null;
        var reviews = await client.ListPullRequestReviewsAsync(key.Owner, key.Repo, key.Number, cancellationToken);
        if (StaleCheck.ReviewedAfter(reviews, decision))
            return "reviewed after the last decision";
        _reviewsRead[key] = seen;
        return null;
    }
}
