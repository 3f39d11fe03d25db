using System.Collections.Concurrent;
using Bot.Core.Evaluation;
using Bot.Core.Policy;
using Bot.Evidence.Reconciliation;
using Bot.Evidence.Changes;
using Bot.GitHub;
using Bot.GitHub.Rest;
using Bot.Serve.Evaluation;

namespace Bot.Population;

/// <summary>What one reconciliation pass did, for the log and for tests.</summary>
public sealed record PopulationPassReport(int Repositories, int Unchanged, int Failed, int BranchesRead, int NewCommits);

/// <summary>
/// One pass of the population reconciliation (policy.md §8): for every repository of every installation, every in-scope
/// branch is reconciled with its history (<see cref="BranchHistoryReconciler"/>), so that merges and pushes whose
/// deliveries never arrived (an outage longer than GitHub keeps deliveries) still join the population.
/// <para>It costs API calls in proportion to what changed: a repository whose <c>pushed_at</c> has not moved since the
/// last pass read it costs nothing beyond the repository list (a 304 when no repository changed), a branch whose tip has
/// not moved costs nothing beyond the branch list (a 304 when no branch moved), and only commits the population does not
/// hold yet cost a lookup each.</para>
/// <para>Which branches: those the default branch's policy puts in scope (<c>branches</c>, <c>{default}</c> the default
/// branch), and every branch reconciled before. Each change is still judged in or out of scope by the policy on its own
/// branch when it is recorded, as for a delivery.</para>
/// </summary>
public sealed class PopulationReconciler(
    IInstallationClientFactory github,
    PolicyResolver policies,
    BranchHistoryReconciler branches,
    ChangeRecorder changes,
    IReconciliationLedger ledger,
    TimeProvider clock,
    ILogger<PopulationReconciler> logger)
{
    // GitHub's clock against ours, and pushed_at's whole seconds: a push this close to a reading could leave pushed_at as it was.
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(5);

    // Per repository, pushed_at as seen by the last pass that reconciled every branch of it, and when that pass read the
    // branches. In memory on purpose: the first pass after a start reads every repository's branches, which is how a
    // restart after an outage catches up.
    private readonly ConcurrentDictionary<string, (DateTimeOffset PushedAt, DateTimeOffset ReadAt)> _reconciled = new(StringComparer.OrdinalIgnoreCase);

    public async Task<PopulationPassReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        int repositories = 0, unchanged = 0, failed = 0, branchesRead = 0, newCommits = 0;
        foreach (var installation in await github.ListInstallationIdsAsync(cancellationToken))
        {
            var client = github.ForInstallation(installation);
            // Taken before the list is read: no push after this moment is vouched for by an unmoved pushed_at.
            var listedAt = clock.GetUtcNow();
            foreach (var repository in await client.ListInstallationRepositoriesAsync(cancellationToken))
            {
                repositories++;
                if (NoPushSinceLastPass(repository))
                {
                    await ledger.AdvanceAsync(repository.FullName, listedAt, cancellationToken);
                    unchanged++;
                    continue;
                }
                try
                {
                    var readAt = clock.GetUtcNow();
                    var (read, commits, complete) = await ReconcileRepositoryAsync(client, installation, repository, readAt, cancellationToken);
                    branchesRead += read;
                    newCommits += commits;
                    if (complete && repository.PushedAt is { } pushedAt) _reconciled[repository.FullName] = (pushedAt, readAt);
                    else if (!complete) failed++;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One repository's trouble (GitHub down, no access) must not stop the others; it is tried again next pass.
                    failed++;
                    logger.LogError(e, "Reconciling {Repository} with its branches' history failed; it is tried again at the next pass", repository.FullName);
                }
            }
        }
        return new PopulationPassReport(repositories, unchanged, failed, branchesRead, newCommits);
    }

    /// <summary>pushed_at has not moved since the last complete pass, and was well before that pass read the branches:
    /// any push after that reading would have moved it.</summary>
    private bool NoPushSinceLastPass(RepositoryInfo repository) =>
        repository.PushedAt is { } pushed && _reconciled.TryGetValue(repository.FullName, out var last)
        && last.PushedAt == pushed && pushed < last.ReadAt - ClockMargin;

    private async Task<(int Read, int NewCommits, bool Complete)> ReconcileRepositoryAsync(
        IGitHubInstallationClient client, long installation, RepositoryInfo repository, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        var listed = await client.ListBranchesAsync(repository.Owner, repository.Name, cancellationToken);
        var marks = (await ledger.BranchesAsync(repository.FullName, cancellationToken)).ToDictionary(m => m.Branch, StringComparer.Ordinal);
        var policy = (await policies.ResolveAsync(client, repository.Owner, repository.Name, repository.DefaultBranch, cancellationToken)).Policy
                     ?? PolicyDocument.Default; // an invalid policy cannot narrow the scope: its default is what the recorder assumes too
        int read = 0, newCommits = 0;
        var complete = true;
        foreach (var branch in listed.Where(b => marks.ContainsKey(b.Name) || Scope.IsInScope(policy, repository.DefaultBranch, b.Name)))
        {
            marks.TryGetValue(branch.Name, out var mark);
            read++;
            var outcome = await branches.ReconcileAsync(new BranchToReconcile(client, installation, repository, branch, mark, marks.Count > 0, readAt), cancellationToken);
            if (outcome is null) complete = false;
            else newCommits += outcome.NewCommits;
        }
        foreach (var gone in marks.Values.Where(m => listed.All(b => b.Name != m.Branch)))
        {
            // Deleted while no delivery told us: recorded like the delivery would have been (the recorder skips a deletion already recorded).
            await changes.RecordPushAsync(installation, ReconciledPayloads.Deletion(installation, repository, gone.Branch, gone.TipSha),
                null, readAt, cancellationToken, ChangeSources.Reconcile);
            await ledger.RemoveAsync(repository.FullName, gone.Branch, cancellationToken);
            logger.LogWarning("{Repository}:{Branch} no longer exists; recorded as deleted (last reconciled tip {Tip})", repository.FullName, gone.Branch, gone.TipSha);
        }
        return (read, newCommits, complete);
    }
}
