using System.Collections.Concurrent;
using Bot.Evidence.Leases;

namespace Bot.Serve.Processing;

/// <summary>
/// Periodic work on one replica at a time: a pass runs only while this replica holds the pass's lease in the store
/// (<see cref="IWorkLeases"/>). The lease is asked for at each of the pass's ticks and, once held, renewed by
/// <see cref="LeaseRenewalService"/> every third of its length, so the holder keeps it between ticks and through long
/// passes; a holder that dies stops renewing, and another replica takes the lease at its first tick after the expiry.
/// A pass whose lease is lost while it runs (the store unreachable for longer than the lease) is cancelled.
/// </summary>
public sealed class WorkLeaseKeeper(IWorkLeases leases, Replica replica, TimeProvider clock, ILogger<WorkLeaseKeeper> logger)
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _held = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="pass"/> if this replica holds (or can take) the lease <paramref name="lease"/>; returns
    /// whether it ran.</summary>
    public async Task<bool> RunIfHeldAsync(string lease, string pass, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (await TryHoldAsync(lease, cancellationToken) is not { } held)
        {
            logger.LogDebug("{Pass} skipped: another replica holds the lease {Lease}", pass, lease);
            return false;
        }
        using var whileHeld = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held);
        var started = clock.GetUtcNow();
        logger.LogDebug("{Pass} starts on replica {Replica} at {Started:O} under the lease {Lease}", pass, replica.Id, started, lease);
        try
        {
            await work(whileHeld.Token);
        }
        finally
        {
            // The record of when a pass ran where (the replica acceptance test reads it): never on two replicas at once.
            logger.LogInformation("{Pass} ran on replica {Replica} from {Started:O} to {Ended:O} under the lease {Lease}",
                pass, replica.Id, started, clock.GetUtcNow(), lease);
        }
        return true;
    }

    /// <summary>Renews every lease this replica holds; one lost (another replica took it after it expired) cancels its pass.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        foreach (var lease in _held.Keys)
        {
            await TryHoldAsync(lease, cancellationToken);
        }
    }

    /// <summary>At shutdown: hands every held lease back, so another replica takes over at its next tick, not at the expiry.</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        foreach (var lease in _held.Keys)
        {
            await leases.ReleaseAsync(lease, cancellationToken);
            Lose(lease, "released it at shutdown");
        }
    }

    /// <summary>The token cancelled when the lease is lost, while this replica holds it; null when another one does.</summary>
    private async Task<CancellationToken?> TryHoldAsync(string lease, CancellationToken cancellationToken)
    {
        if (!await leases.TryAcquireAsync(lease, replica.Lease, cancellationToken))
        {
            Lose(lease, "another replica holds it");
            return null;
        }
        var taken = new CancellationTokenSource();
        var held = _held.GetOrAdd(lease, taken);
        if (held == taken)
        {
            logger.LogInformation("Replica {Replica} took the lease {Lease} (periodic work runs here while it holds it)", replica.Id, lease);
        }
        return held.Token;
    }

    private void Lose(string lease, string why)
    {
        if (!_held.TryRemove(lease, out var held))
            return;
        logger.LogInformation("Replica {Replica} lost the lease {Lease}: {Reason}", replica.Id, lease, why);
        // Not disposed: a pass may still be linking to its token (it is cancelled, which is all it needs to see).
        held.Cancel();
    }
}
