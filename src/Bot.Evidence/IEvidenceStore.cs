using Bot.Evidence.Changes;
using Bot.Evidence.CheckRuns;
using Bot.Evidence.Decisions;
using Bot.Evidence.Deliveries;
using Bot.Evidence.Health;
using Bot.Evidence.Inbox;
using Bot.Evidence.Leases;
using Bot.Evidence.MergeGroups;
using Bot.Evidence.Overrides;
using Bot.Evidence.Reconciliation;

namespace Bot.Evidence;

/// <summary>
/// One opened evidence store, as the seams the rest of the bot uses. A process opens one
/// (<see cref="IEvidenceProvider.Open"/>) and disposes it at the end, which waits for queued writes to commit. Code that
/// works with the store depends on the seam it uses (the service gets each one from dependency injection), not on this.
/// </summary>
public interface IEvidenceStore : IAsyncDisposable
{
    IDeliveryInbox Inbox { get; }

    IDecisionLog Decisions { get; }

    IChangeLog Changes { get; }

    IOverrideLog Overrides { get; }

    IMergeGroupLog MergeGroups { get; }

    ICheckRunCache CheckRuns { get; }

    IRecordedDeliveriesCursor RecordedDeliveries { get; }

    IStoreHealth Health { get; }

    IReconciliationLedger Reconciliation { get; }

    /// <summary>Leases of the periodic work, so it runs on one replica at a time.</summary>
    IWorkLeases Leases { get; }

    /// <summary>One evaluation of a pull request at a time across the processes sharing the store.</summary>
    IEvaluationLocks EvaluationLocks { get; }
}
