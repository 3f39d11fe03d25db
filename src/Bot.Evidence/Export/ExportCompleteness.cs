using Bot.Evidence.Chain;
using Bot.Evidence.Deliveries;

namespace Bot.Evidence.Export;

/// <summary>
/// The completeness section (policy.md §8): what the population held, whether the evidence chains verified at export time,
/// and everything that says the population may be missing a change. The period is exported but not complete
/// (<see cref="HasGaps"/>, exit code 3) when a change has findings, a delivery that concerns a change failed for good, a
/// repository is not reconciled with its branches' history to the period's end, or GitHub no longer kept the deliveries of
/// a window that branch reconciliation has not read across.
/// </summary>
public sealed record ExportCompleteness(
    long Population,
    long AiAssisted,
    long NotAiAssisted,
    long Exported,
    IReadOnlyList<ExportGap> Gaps,
    IReadOnlyList<(string Chain, ChainVerification Result)> Chains)
{
    public bool ChainsOk => Chains.All(c => c.Result.Ok);

    /// <summary>Deliveries of the period given up after their retries that concern a change (policy.md §8: failures are gaps).</summary>
    public IReadOnlyList<ListedDelivery> FailedDeliveries { get; init; } = [];

    /// <summary>Windows overlapping the period whose deliveries GitHub no longer kept when the bot looked (an outage longer
    /// than GitHub's retention). Only branch reconciliation can make such a window good: see <see cref="Recovered"/>.</summary>
    public IReadOnlyList<DeliveryRetentionGap> UnrecoverableDeliveries { get; init; } = [];

    /// <summary>Per repository known to the population reconciliation, how far it is reconciled with branch history.</summary>
    public IReadOnlyList<ReconciledRepository> Reconciliation { get; init; } = [];

    /// <summary>Every reconciled repository is reconciled to the end of the period (vacuously true when none is).</summary>
    public bool Reconciled => Reconciliation.All(r => r.CoversPeriod);

    /// <summary>The changes of a window whose deliveries are lost are recorded when branch reconciliation read the history of
    /// every exported repository across the whole window. With no repository reconciled nothing vouches for the window.</summary>
    public bool Recovered(DeliveryRetentionGap window) => Reconciliation.Count > 0 && Reconciliation.All(r => r.Spans(window));

    /// <summary>Lost-delivery windows that branch reconciliation has not read across.</summary>
    public IEnumerable<DeliveryRetentionGap> UnrecoveredDeliveries => UnrecoverableDeliveries.Where(w => !Recovered(w));

    /// <summary>Exported, but not complete (exit code 3).</summary>
    public bool HasGaps => Gaps.Count > 0 || FailedDeliveries.Count > 0 || !Reconciled || UnrecoveredDeliveries.Any();
}

/// <summary>How far one repository's population is reconciled with the history of its in-scope branches (the earliest
/// of its branches): every change that reached them between <see cref="Since"/> and <see cref="Through"/> is recorded.
/// A period (<see cref="PeriodStart"/> to <see cref="PeriodEnd"/>) that ends after <see cref="Through"/> is not known to
/// be complete.</summary>
public sealed record ReconciledRepository(string Repository, DateTimeOffset Since, DateTimeOffset Through, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd)
{
    public bool CoversPeriod => Through >= PeriodEnd;

    /// <summary>Reconciled from before the part of <paramref name="window"/> that falls in the period began until after it
    /// ended: the branches' history across it was read, so its changes are recorded whether or not their deliveries were.</summary>
    public bool Spans(DeliveryRetentionGap window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var from = window.MissedAfter > PeriodStart ? window.MissedAfter : PeriodStart;
        var until = window.MissedBefore < PeriodEnd ? window.MissedBefore : PeriodEnd;
        return Since <= from && Through >= until;
    }
}
