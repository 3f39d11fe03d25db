using Bot.Evidence.Chain;
using Bot.Evidence.Storage;

namespace Bot.Evidence.Overrides;

/// <summary>The overrides chain in the SQLite file.</summary>
internal sealed class SqliteOverrideLog(GroupCommitWriter writer, SqliteDatabase database) : IOverrideLog
{
    /// <summary>The comment check runs in the appending transaction of the one writer, so it is atomic with the append.</summary>
    public async Task<AppendedRecord?> AppendAsync(OverrideRecord record, CancellationToken cancellationToken)
    {
        var row = OverridesTable.ToRow(record);
        return await writer.ExecuteAsync(scope => OverrideQueries.CommentRecorded(scope, record.Repository, record.CommentId)
            ? null
            : scope.Append(OverridesTable.Table, [row])[0], cancellationToken);
    }

    public async Task<StoredOverride?> ActiveAsync(string repository, long pullRequestNumber, string headSha, CancellationToken cancellationToken)
    {
        var latest = await database.ReadAsync(c => OverrideQueries.LatestForHeadAsync(c, repository, pullRequestNumber, headSha, cancellationToken), cancellationToken);
        return latest is { Record.Action: "override" } ? latest : null;
    }

    public Task<bool> ExistsForCommentAsync(string repository, long commentId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => OverrideQueries.ExistsForCommentAsync(c, repository, commentId, cancellationToken), cancellationToken);
}
