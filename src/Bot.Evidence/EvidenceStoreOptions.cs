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
}
