using Bot.Core.Model;
using Bot.Evidence.Changes;
using Bot.Evidence.Reconciliation;
using Bot.GitHub.Rest;

namespace Bot.Population;

/// <summary>One in-scope branch to reconcile: its tip as just listed, and how far it was reconciled before (null: never).
/// <see cref="RepositoryKnown"/>: some other branch of the repository was reconciled before, so a branch without a mark
/// is new since then.</summary>
public sealed record BranchToReconcile(
    IGitHubInstallationClient Client,
    long InstallationId,
    RepositoryInfo Repository,
    BranchInfo Branch,
    ReconciledBranch? Mark,
    bool RepositoryKnown,
    DateTimeOffset ReadAt);

/// <summary>What one branch's reconciliation found: how many commits the population did not hold, and whether the branch's
/// history was rewritten.</summary>
public sealed record BranchOutcome(int NewCommits, bool Forced);

/// <summary>
/// Reconciles the change population with one branch's history (policy.md §8 "Longer gaps"): reads the commits from the
/// last tip it reconciled (or, the first time, the newest commit the population holds) to the current tip, and records
/// every commit that no recorded change holds as the push that brought it: <see cref="ChangeRecorder.RecordPushAsync"/>,
/// the webhook path's own recording, records it as its merged pull request when GitHub links one (read from the merge
/// itself, with every commit that landed for it), else as a direct push. So a change found here is the same row its
/// deliveries would have made, and one recorded either way is never recorded twice.
/// </summary>
public sealed class BranchHistoryReconciler(ChangeRecorder changes, IReconciliationLedger ledger, ILogger<BranchHistoryReconciler> logger)
{
    // A change that holds a commit of the new history was recorded after the previous pass read the tip; a day of slack
    // covers GitHub's clock against ours and deliveries that arrived late. It only bounds the search, never what counts.
    private static readonly TimeSpan RecordedSlack = TimeSpan.FromDays(1);

    /// <summary>Null when the branch's history could not be compared (the mark stays where it was, so the export keeps
    /// calling the time after it unreconciled); otherwise what was recorded, and the branch is marked reconciled through
    /// <see cref="BranchToReconcile.ReadAt"/>.</summary>
    public async Task<BranchOutcome?> ReconcileAsync(BranchToReconcile work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var (repository, branch, mark) = (work.Repository, work.Branch, work.Mark);
        var start = mark?.TipSha
                    ?? await ledger.NewestHeldCommitAsync(repository.FullName, branch.Name, cancellationToken)
                    // A branch created since the repository was last reconciled: what it holds that the default branch does not, as for a push that creates a branch.
                    ?? (work.RepositoryKnown && branch.Name != repository.DefaultBranch ? repository.DefaultBranch : null);
        var outcome = new BranchOutcome(0, false);
        if (start is null)
        {
            logger.LogInformation("{Repository}:{Branch} is reconciled from now on (tip {Tip}); its earlier history is not read (bot scan records it)",
                repository.FullName, branch.Name, branch.TipSha);
        }
        else if (start != branch.TipSha)
        {
            outcome = await RecordNewHistoryAsync(work, start, cancellationToken);
            if (outcome is null) return null;
        }
        await ledger.SaveAsync(new ReconciledBranch(repository.FullName, branch.Name, branch.TipSha,
            mark?.FirstReconciledAt ?? work.ReadAt, work.ReadAt), cancellationToken);
        return outcome;
    }

    private async Task<BranchOutcome?> RecordNewHistoryAsync(BranchToReconcile work, string start, CancellationToken cancellationToken)
    {
        var (client, installation, repository, branch, mark) = (work.Client, work.InstallationId, work.Repository, work.Branch, work.Mark);
        CompareResult compare;
        try
        {
            compare = await client.CompareAsync(repository.Owner, repository.Name, start, branch.TipSha, cancellationToken);
        }
        catch (GitHubApiException e) when (e.StatusCode is 404 or 422)
        {
            logger.LogError("{Repository}:{Branch}: GitHub cannot compare {Start}...{Tip} ({Status}); the branch stays reconciled only through {Through}",
                repository.FullName, branch.Name, start, branch.TipSha, e.StatusCode, mark?.ReconciledThrough);
            return null;
        }

        // When a commit reached the branch is unknown; it was after the previous pass read the tip and before this one.
        DateTimeOffset When(DateTimeOffset? committed) =>
            Clamp(committed ?? work.ReadAt, mark?.ReconciledThrough ?? DateTimeOffset.MinValue, work.ReadAt);

        var forced = mark is not null && compare.Status is "diverged" or "behind";
        if (forced)
        {
            await changes.RecordPushAsync(installation, ReconciledPayloads.Push(installation, repository, branch.Name, start, branch.TipSha, [], forced: true),
                null, When(compare.Commits.Count > 0 ? compare.Commits[^1].CommittedAt : null), cancellationToken, ChangeSources.Reconcile);
        }

        var shas = compare.Commits.Select(c => c.Sha).ToList();
        var since = mark?.ReconciledThrough - RecordedSlack;
        var held = new HashSet<string>(await ledger.HeldCommitsAsync(repository.FullName, branch.Name, shas, since, cancellationToken), StringComparer.Ordinal);
        var fresh = compare.Commits.Where(c => !held.Contains(c.Sha)).ToList();
        foreach (var commit in fresh)
        {
            if (held.Contains(commit.Sha)) continue; // landed with a pull request recorded a moment ago
            // One push per commit, so that a direct push is dated on its own; a commit of a merged pull request records that
            // pull request with all its landed commits, which the next lookup then finds held.
            await changes.RecordPushAsync(installation, ReconciledPayloads.Push(installation, repository, branch.Name, start, commit.Sha, [commit], forced: false),
                null, When(commit.CommittedAt), cancellationToken, ChangeSources.Reconcile);
            held.UnionWith(await ledger.HeldCommitsAsync(repository.FullName, branch.Name, shas, since, cancellationToken));
        }
        if (fresh.Count > 0 || forced)
        {
            logger.LogWarning("{Repository}:{Branch}: {Count} commits no recorded change held were recorded from the branch's history (as their merged pull requests or as direct pushes){Forced}",
                repository.FullName, branch.Name, fresh.Count, forced ? "; its history was rewritten" : "");
        }
        return new BranchOutcome(fresh.Count, forced);
    }

    private static DateTimeOffset Clamp(DateTimeOffset value, DateTimeOffset lower, DateTimeOffset upper) =>
        value < lower ? lower : value > upper ? upper : value;
}
