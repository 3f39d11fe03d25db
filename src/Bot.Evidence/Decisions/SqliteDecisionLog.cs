using Bot.Evidence.Chain;
using Bot.Evidence.Storage;

namespace Bot.Evidence.Decisions;

/// <summary>The decisions chain in the SQLite file: appends through the one writer, lookups on connections of their own.</summary>
internal sealed class SqliteDecisionLog(GroupCommitWriter writer, SqliteDatabase database) : IDecisionLog
{
    public async Task<AppendedRecord> AppendAsync(DecisionRecord record, CancellationToken cancellationToken)
    {
        var appended = await writer.AppendAsync(DecisionsTable.Table, [DecisionsTable.ToRow(record)], cancellationToken);
        return appended[0];
    }

    public Task<IReadOnlyList<AppendedRecord>> AppendManyAsync(IReadOnlyList<DecisionRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return writer.AppendAsync(DecisionsTable.Table, [.. records.Select(DecisionsTable.ToRow)], cancellationToken);
    }

    public Task<StoredDecision?> LatestAsync(string repository, long pullRequestNumber, CancellationToken cancellationToken) =>
        database.ReadAsync(c => DecisionQueries.LatestForPullRequestAsync(c, repository, pullRequestNumber, cancellationToken), cancellationToken);

    public Task<StoredDecision?> LatestAtAsync(string repository, long pullRequestNumber, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.ReadAsync(c => DecisionQueries.LatestForPullRequestAtAsync(c, repository, pullRequestNumber, at, cancellationToken), cancellationToken);

    public Task<StoredDecision?> LatestForHeadAsync(string repository, string headSha, CancellationToken cancellationToken) =>
        database.ReadAsync(c => DecisionQueries.LatestForHeadAsync(c, repository, headSha, cancellationToken), cancellationToken);

    public Task<StoredDecision?> LatestForPullRequestHeadAsync(string repository, long pullRequestNumber, string headSha, CancellationToken cancellationToken) =>
        database.ReadAsync(c => DecisionQueries.LatestForPullRequestHeadAsync(c, repository, pullRequestNumber, headSha, cancellationToken), cancellationToken);

    public Task<StoredDecision?> LatestForDeliveryAsync(string deliveryId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => DecisionQueries.LatestForDeliveryAsync(c, deliveryId, cancellationToken), cancellationToken);
}
