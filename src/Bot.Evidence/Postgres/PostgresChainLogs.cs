using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Decisions;
using Bot.Evidence.MergeGroups;
using Bot.Evidence.Overrides;
using Dapper;

namespace Bot.Evidence.Postgres;

/// <summary>The decisions chain in PostgreSQL: appends through <see cref="PostgresChainWriter"/>, lookups with the same
/// queries as SQLite (<see cref="DecisionQueries"/>).</summary>
internal sealed class PostgresDecisionLog(PostgresChainWriter writer, PostgresDatabase database) : IDecisionLog
{
    public async Task<AppendedRecord> AppendAsync(DecisionRecord record, CancellationToken cancellationToken) =>
        (await writer.AppendAsync(DecisionsTable.Table, [DecisionsTable.ToRow(record)], cancellationToken))[0];

    public Task<IReadOnlyList<AppendedRecord>> AppendManyAsync(IReadOnlyList<DecisionRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return writer.AppendAsync(DecisionsTable.Table, [.. records.Select(DecisionsTable.ToRow)], cancellationToken);
    }

    public Task<StoredDecision?> LatestAsync(string repository, long pullRequestNumber, CancellationToken cancellationToken) =>
        database.RunAsync(c => DecisionQueries.LatestForPullRequestAsync(c, repository, pullRequestNumber, cancellationToken), cancellationToken);

    public Task<StoredDecision?> LatestAtAsync(string repository, long pullRequestNumber, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.RunAsync(c => DecisionQueries.LatestForPullRequestAtAsync(c, repository, pullRequestNumber, at, cancellationToken), cancellationToken);

    public Task<StoredDecision?> LatestForHeadAsync(string repository, string headSha, CancellationToken cancellationToken) =>
        database.RunAsync(c => DecisionQueries.LatestForHeadAsync(c, repository, headSha, cancellationToken), cancellationToken);

    public Task<StoredDecision?> LatestForPullRequestHeadAsync(string repository, long pullRequestNumber, string headSha, CancellationToken cancellationToken) =>
        database.RunAsync(c => DecisionQueries.LatestForPullRequestHeadAsync(c, repository, pullRequestNumber, headSha, cancellationToken), cancellationToken);

    public Task<StoredDecision?> LatestForDeliveryAsync(string deliveryId, CancellationToken cancellationToken) =>
        database.RunAsync(c => DecisionQueries.LatestForDeliveryAsync(c, deliveryId, cancellationToken), cancellationToken);
}

/// <summary>The changes chain in PostgreSQL.</summary>
internal sealed class PostgresChangeLog(PostgresChainWriter writer, PostgresDatabase database) : IChangeLog
{
    public async Task<AppendedRecord> AppendAsync(ChangeRecord record, CancellationToken cancellationToken) =>
        (await writer.AppendAsync(ChangesTable.Table, [ChangesTable.ToRow(record)], cancellationToken))[0];

    public Task<IReadOnlyList<AppendedRecord>> AppendManyAsync(IReadOnlyList<ChangeRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return writer.AppendAsync(ChangesTable.Table, [.. records.Select(ChangesTable.ToRow)], cancellationToken);
    }

    /// <summary>Decided under the changes chain's advisory lock, in the appending transaction: another replica appending the
    /// same change waits for this one to commit and then finds it.</summary>
    public async Task<IReadOnlyList<(ChangeRecord Record, AppendedRecord At)>> AppendNewAsync(IReadOnlyList<ChangeRecord> records,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        List<ChangeRecord> fresh = [];
        var appended = records.Count == 0 ? null : await writer.AppendChosenAsync(ChangesTable.Table, async (connection, transaction) =>
        {
            fresh = [];
            foreach (var (key, record) in ChangeKey.Distinct(records))
            {
                if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(ChangeKey.ExistsSql, key, transaction,
                        cancellationToken: cancellationToken)) == 0)
                    fresh.Add(record);
            }
            return fresh.Count == 0 ? null : [.. fresh.Select(ChangesTable.ToRow)];
        }, cancellationToken);
        return appended is null ? [] : [.. fresh.Zip(appended)];
    }

    public Task<bool> ExistsAsync(string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken) =>
        database.RunAsync(c => ChangeQueries.ExistsAsync(c, repository, baseRef, kind, changeId, cancellationToken), cancellationToken);

    public Task<RecordedCommits?> RecordedCommitsAsync(string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken) =>
        database.RunAsync(c => ChangeQueries.CommitsAsync(c, repository, baseRef, kind, changeId, cancellationToken), cancellationToken);

    public Task<DecisionReference?> LatestDecisionForMergeAsync(string repository, long pullRequestNumber, string headSha, DateTimeOffset? until,
        CancellationToken cancellationToken) =>
        database.RunAsync(c => ChangeQueries.LatestDecisionAsync(c, repository, pullRequestNumber, headSha, until, cancellationToken), cancellationToken);
}

/// <summary>The overrides chain in PostgreSQL.</summary>
internal sealed class PostgresOverrideLog(PostgresChainWriter writer, PostgresDatabase database) : IOverrideLog
{
    /// <summary>The comment check runs under the chain's lock in the appending transaction, so it is atomic with the append
    /// on every replica.</summary>
    public async Task<AppendedRecord?> AppendAsync(OverrideRecord record, CancellationToken cancellationToken)
    {
        var row = OverridesTable.ToRow(record);
        var appended = await writer.AppendAsync(OverridesTable.Table, [row],
            async (connection, transaction) => await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                OverrideQueries.CommentCountSql, new { repository = record.Repository, commentId = record.CommentId }, transaction,
                cancellationToken: cancellationToken)) == 0,
            cancellationToken);
        return appended?[0];
    }

    public async Task<StoredOverride?> ActiveAsync(string repository, long pullRequestNumber, string headSha, CancellationToken cancellationToken)
    {
        var latest = await database.RunAsync(c => OverrideQueries.LatestForHeadAsync(c, repository, pullRequestNumber, headSha, cancellationToken), cancellationToken);
        return latest is { Record.Action: "override" } ? latest : null;
    }

    public Task<bool> ExistsForCommentAsync(string repository, long commentId, CancellationToken cancellationToken) =>
        database.RunAsync(c => OverrideQueries.ExistsForCommentAsync(c, repository, commentId, cancellationToken), cancellationToken);
}

/// <summary>The merge group decisions chain in PostgreSQL.</summary>
internal sealed class PostgresMergeGroupLog(PostgresChainWriter writer, PostgresDatabase database) : IMergeGroupLog
{
    public async Task<AppendedRecord> AppendAsync(MergeGroupRecord record, CancellationToken cancellationToken) =>
        (await writer.AppendAsync(MergeGroupsTable.Table, [MergeGroupsTable.ToRow(record)], cancellationToken))[0];

    public Task<StoredMergeGroupDecision?> LatestForHeadAsync(string repository, string headSha, CancellationToken cancellationToken) =>
        database.RunAsync(c => MergeGroupQueries.LatestForHeadAsync(c, repository, headSha, cancellationToken), cancellationToken);

    public Task<StoredMergeGroupDecision?> LatestForDeliveryAsync(string deliveryId, CancellationToken cancellationToken) =>
        database.RunAsync(c => MergeGroupQueries.LatestForDeliveryAsync(c, deliveryId, cancellationToken), cancellationToken);
}
