using Bot.Evidence.Storage;

namespace Bot.Evidence.Inbox;

/// <summary>Whose a claim is and how long it holds without renewal (<see cref="EvidenceStoreOptions.ReplicaId"/>,
/// <see cref="EvidenceStoreOptions.ClaimLease"/>): the same on every provider, so the columns mean the same everywhere.</summary>
internal sealed record ClaimLease(string ReplicaId, TimeSpan Length)
{
    public static ClaimLease Of(EvidenceStoreOptions options) => new(options.ReplicaId, options.ClaimLease);

    /// <summary>Renews every claim of this replica (the parameters <c>@replica</c> and <c>@leaseUntil</c>).</summary>
    public const string RenewSql = $"""
        UPDATE deliveries SET lease_until = @leaseUntil
        WHERE state = '{DeliveryStates.Processing}' AND claimed_by = @replica
        """;

    /// <summary>When a claim made or renewed now expires, as stored.</summary>
    public string Until(TimeProvider clock) => EvidenceTime.ToText(clock.GetUtcNow() + Length);
}
