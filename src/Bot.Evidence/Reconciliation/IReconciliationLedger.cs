namespace Bot.Evidence.Reconciliation;

/// <summary>How far the change population is reconciled with an in-scope branch: the tip whose history was read, when
/// the branch was first reconciled, and the time up to which every change that reached it is recorded.</summary>
public sealed record ReconciledBranch(string Repository, string Branch, string TipSha, DateTimeOffset FirstReconciledAt, DateTimeOffset ReconciledThrough);

/// <summary>The population reconciliation's bookkeeping (policy.md §8: per repository and in-scope branch, how far it is
/// reconciled) and the questions it asks the changes chain: which commits of a branch the population already holds, and
/// the newest one it holds.</summary>
public interface IReconciliationLedger
{
    /// <summary>The reconciled branches of <paramref name="repository"/>, by branch name.</summary>
    Task<IReadOnlyList<ReconciledBranch>> BranchesAsync(string repository, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the branch's row; the first reconciliation time of an existing row is kept, and the
    /// time it is reconciled through never goes back.</summary>
    Task SaveAsync(ReconciledBranch branch, CancellationToken cancellationToken = default);

    /// <summary>Every branch of <paramref name="repository"/> is reconciled through <paramref name="through"/>: GitHub
    /// reported no push to the repository since the branches were last read.</summary>
    Task AdvanceAsync(string repository, DateTimeOffset through, CancellationToken cancellationToken = default);

    /// <summary>The branch is gone (deleted) or no longer reconciled.</summary>
    Task RemoveAsync(string repository, string branch, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="shas"/> a recorded merge, direct push or scanned commit into <paramref name="branch"/>
    /// holds (among its commits or as its merge commit; a force push or deletion names commits but brought none).
    /// <paramref name="recordedSince"/> bounds the search to changes that reached the branch from then on, so the scan does
    /// not grow with the whole history.</summary>
    Task<IReadOnlySet<string>> HeldCommitsAsync(string repository, string branch, IReadOnlyCollection<string> shas,
        DateTimeOffset? recordedSince, CancellationToken cancellationToken = default);

    /// <summary>The newest commit a recorded merge, direct push or scanned commit into <paramref name="branch"/> holds (by
    /// the order the changes were recorded), or null when the population holds none: where a branch's first
    /// reconciliation starts reading.</summary>
    Task<string?> NewestHeldCommitAsync(string repository, string branch, CancellationToken cancellationToken = default);
}
