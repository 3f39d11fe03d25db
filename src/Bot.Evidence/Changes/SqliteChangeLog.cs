using Bot.Evidence.Chain;
using Bot.Evidence.Storage;

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

    public Task<bool> ExistsAsync(string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => ChangeQueries.ExistsAsync(c, repository, baseRef, kind, changeId, cancellationToken), cancellationToken);

    public Task<RecordedCommits?> RecordedCommitsAsync(string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => ChangeQueries.CommitsAsync(c, repository, baseRef, kind, changeId, cancellationToken), cancellationToken);

    public Task<DecisionReference?> LatestDecisionForMergeAsync(string repository, long pullRequestNumber, string headSha, DateTimeOffset? until,
        CancellationToken cancellationToken) =>
        database.ReadAsync(c => ChangeQueries.LatestDecisionAsync(c, repository, pullRequestNumber, headSha, until, cancellationToken), cancellationToken);
}
