using Bot.Evidence.Chain;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Changes;

/// <summary>The changes chain in the SQLite file: appends through the one writer, lookups on connections of their own.</summary>
internal sealed class SqliteChangeLog(GroupCommitWriter writer, SqliteDatabase database) : IChangeLog
{
    public async Task<AppendedRecord> AppendAsync(ChangeRecord record, CancellationToken cancellationToken)
    {
        var appended = await writer.AppendAsync(ChangesTable.Table, [ChangesTable.ToRow(record)], cancellationToken);
        return appended[0];
    }

    public Task<IReadOnlyList<AppendedRecord>> AppendManyAsync(IReadOnlyList<ChangeRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return writer.AppendAsync(ChangesTable.Table, [.. records.Select(ChangesTable.ToRow)], cancellationToken);
    }

    /// <summary>Decided inside the one writer's transaction, which nothing else writes to meanwhile.</summary>
    public async Task<IReadOnlyList<(ChangeRecord Record, AppendedRecord At)>> AppendNewAsync(IReadOnlyList<ChangeRecord> records,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
            return [];
        return await writer.ExecuteAsync(scope =>
        {
            List<ChangeRecord> fresh = [.. ChangeKey.Distinct(records)
                .Where(c => scope.Connection.ExecuteScalar<long>(ChangeKey.ExistsSql, c.Key, scope.Transaction) == 0)
                .Select(c => c.Record)];
            var appended = fresh.Count == 0 ? [] : scope.Append(ChangesTable.Table, [.. fresh.Select(ChangesTable.ToRow)]);
            return (IReadOnlyList<(ChangeRecord, AppendedRecord)>)[.. fresh.Zip(appended)];
        }, cancellationToken);
    }

    public Task<bool> ExistsAsync(string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => ChangeQueries.ExistsAsync(c, repository, baseRef, kind, changeId, cancellationToken), cancellationToken);

    public Task<RecordedCommits?> RecordedCommitsAsync(string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => ChangeQueries.CommitsAsync(c, repository, baseRef, kind, changeId, cancellationToken), cancellationToken);

    public Task<DecisionReference?> LatestDecisionForMergeAsync(string repository, long pullRequestNumber, string headSha, DateTimeOffset? until,
        CancellationToken cancellationToken) =>
        database.ReadAsync(c => ChangeQueries.LatestDecisionAsync(c, repository, pullRequestNumber, headSha, until, cancellationToken), cancellationToken);
}
