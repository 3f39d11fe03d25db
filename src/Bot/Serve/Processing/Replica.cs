namespace Bot.Serve.Processing;

/// <summary>This process among the replicas sharing the store: its id (written on its claims and leases, and in its log
/// lines about them) and how long its claims and leases hold without renewal (<c>Evidence:LeaseSeconds</c>).</summary>
public sealed record Replica(string Id, TimeSpan Lease)
{
    /// <summary>How often claims and leases are renewed: a third of their length, so two renewals may fail before one lapses.</summary>
    public TimeSpan RenewEvery => Lease / 3;
}
