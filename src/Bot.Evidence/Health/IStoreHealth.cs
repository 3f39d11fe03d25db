using Bot.Evidence.Statistics;

namespace Bot.Evidence.Health;

/// <summary>Whether the store takes writes now, and what an operator watches in it (readiness, /status, metrics).</summary>
public interface IStoreHealth
{
    /// <summary>Where the store is, for an operator (the SQLite file's full path); never a password.</summary>
    string Location { get; }

    /// <summary>Takes the store's write path and commits nothing: completes once the store can be written to (not
    /// read-only, not locked by another process, the writer not stuck). Skipped if cancelled before its turn.</summary>
    Task ProbeWriteAsync(CancellationToken cancellationToken = default);

    /// <summary>Inbox depth, the oldest pending delivery and the chain lengths, read now (for the service's metrics).</summary>
    StoreStatistics ReadStatistics();
}
