namespace Bot.Evidence.Leases;

/// <summary>
/// Leases in the store for work that must run on one replica at a time (the periodic passes): a lease is held by one
/// replica (<see cref="EvidenceStoreOptions.ReplicaId"/>) until it expires; its holder renews it, and once it expired
/// (its holder died or stopped renewing) the next replica that asks takes it.
/// </summary>
public interface IWorkLeases
{
    /// <summary>Takes the lease <paramref name="name"/> for this replica, or renews it if this replica holds it, for
    /// <paramref name="length"/> from now; false while another replica holds it unexpired.</summary>
    Task<bool> TryAcquireAsync(string name, TimeSpan length, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up if this replica holds it (at shutdown), so another replica need not wait for its expiry.</summary>
    Task ReleaseAsync(string name, CancellationToken cancellationToken = default);
}
