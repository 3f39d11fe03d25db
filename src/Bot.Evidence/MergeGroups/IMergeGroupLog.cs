using Bot.Evidence.Chain;

namespace Bot.Evidence.MergeGroups;

/// <summary>The merge group decisions chain (merge queue, policy.md section 9).</summary>
public interface IMergeGroupLog
{
    /// <summary>Appends a merge group decision to its chain; returns once it is durable.</summary>
    Task<AppendedRecord> AppendAsync(MergeGroupRecord record, CancellationToken cancellationToken = default);

    /// <summary>The newest merge group decision recorded for a group head commit.</summary>
    Task<StoredMergeGroupDecision?> LatestForHeadAsync(string repository, string headSha, CancellationToken cancellationToken = default);

    /// <summary>The newest merge group decision that names <paramref name="deliveryId"/>: a delivery handed back after a
    /// crash was already decided when this is not null.</summary>
    Task<StoredMergeGroupDecision?> LatestForDeliveryAsync(string deliveryId, CancellationToken cancellationToken = default);
}
