namespace Bot.Evidence;

public sealed class EvidenceStoreOptions
{
    /// <summary>Which database holds the store (<see cref="EvidenceProviders.Known"/>); empty: <c>sqlite</c>.</summary>
    public string Provider { get; set; } = EvidenceProviders.Sqlite;

    /// <summary>The SQLite file; its folder is created if missing.</summary>
    public string DatabasePath { get; set; } = "data/bot.db";

    /// <summary>The PostgreSQL connection string (provider <c>postgres</c>), e.g.
    /// <c>Host=db;Database=bot;Username=bot;Password=…</c>; the database must exist, its tables are created at start-up.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Optional HMAC-SHA-256 key for the hash chain (a new chain: at least <see cref="Chain.ChainHasher.MinimumKeyBytes"/>
    /// bytes). With a key, recomputing the chain needs the key, so someone with only file access cannot forge records. A
    /// database keeps the key it started with.
    /// </summary>
    public byte[]? HmacKey { get; set; }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Who this process is among the replicas sharing a store: the holder written on its claims and leases. New
    /// for every process (host, process id and a random part), so a restarted replica holds nothing of its former self.</summary>
    public string ReplicaId { get; set; } = Replicas.NewId();

    /// <summary>How long a claim on a delivery holds without being renewed (the holder renews it every third of that while
    /// it works). On PostgreSQL another replica takes over a delivery whose claim expired: its holder died.</summary>
    public TimeSpan ClaimLease { get; set; } = Replicas.DefaultClaimLease;
}
