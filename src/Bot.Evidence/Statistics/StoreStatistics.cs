using System.Data.Common;
using Bot.Evidence.Changes;
using Bot.Evidence.Inbox;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Statistics;

/// <summary>What an operator watches in the store: deliveries waiting, in work and failed, how long the oldest waiting one
/// has waited, and how long each evidence chain is.</summary>
public sealed record StoreStatistics(
    long Pending,
    long Processing,
    long Failed,
    DateTimeOffset? OldestPendingReceivedAt,
    IReadOnlyDictionary<string, long> ChainLengths);

internal static class StoreStatisticsQuery
{
    // Each count is a range of the (state, id) index, so none of them reads the processed deliveries, which are nearly all
    // of the table; a chain's length is its last seq, one step down its primary key.
    private const string InboxSql = $"""
        SELECT (SELECT COUNT(*) FROM deliveries WHERE state = '{DeliveryStates.Pending}'),
               (SELECT COUNT(*) FROM deliveries WHERE state = '{DeliveryStates.Processing}'),
               (SELECT COUNT(*) FROM deliveries WHERE state = '{DeliveryStates.Failed}'),
               (SELECT received_at FROM deliveries WHERE state = '{DeliveryStates.Pending}' ORDER BY id LIMIT 1)
        """;

    public static StoreStatistics Read(DbConnection connection)
    {
        var (pending, processing, failed, oldest) = connection.QuerySingle<(long, long, long, string?)>(InboxSql);
        var chains = EvidenceChains.All.ToDictionary(
            table => table.Name,
            table => connection.ExecuteScalar<long?>($"SELECT MAX(seq) FROM {table.Name}") ?? 0,
            StringComparer.Ordinal);
        return new StoreStatistics(pending, processing, failed, oldest is null ? null : EvidenceTime.Parse(oldest), chains);
    }
}
