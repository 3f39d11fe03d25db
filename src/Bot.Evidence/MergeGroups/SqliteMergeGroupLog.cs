using Bot.Evidence.Chain;
using Bot.Evidence.Storage;

namespace Bot.Evidence.MergeGroups;

/// <summary>The merge group decisions chain in the SQLite file.</summary>
internal sealed class SqliteMergeGroupLog(GroupCommitWriter writer, SqliteDatabase database) : IMergeGroupLog
{
    public async Task<AppendedRecord> AppendAsync(MergeGroupRecord record, CancellationToken cancellationToken)
    {
        var appended = await writer.AppendAsync(MergeGroupsTable.Table, [MergeGroupsTable.ToRow(record)], cancellationToken);
        return appended[0];
    }

    public Task<StoredMergeGroupDecision?> LatestForHeadAsync(string repository, string headSha, CancellationToken cancellationToken) =>
        database.ReadAsync(c => MergeGroupQueries.LatestForHeadAsync(c, repository, headSha, cancellationToken), cancellationToken);

    public Task<StoredMergeGroupDecision?> LatestForDeliveryAsync(string deliveryId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => MergeGroupQueries.LatestForDeliveryAsync(c, deliveryId, cancellationToken), cancellationToken);
}
