using System.Data.Common;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Overrides;

internal static class OverrideQueries
{
    private const string Select = """
        SELECT seq, hash, recorded_at, installation_id, repository, pull_request_number, head_sha, action, approver_id,
               approver_login, reason, failed_rules_json, comment_id, delivery_id
        FROM overrides
        """;

    /// <summary>The newest override or revocation recorded for a pull request's head SHA.</summary>
    public static async Task<StoredOverride?> LatestForHeadAsync(DbConnection connection, string repository, long number, string headSha, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE repository = @repository AND pull_request_number = @number AND head_sha = @headSha ORDER BY seq DESC LIMIT 1",
            new { repository, number, headSha }, cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    private const string CommentCount = "SELECT COUNT(*) FROM overrides WHERE repository = $repository AND comment_id = $commentId";

    /// <summary>Inside a write: whether the comment is already recorded (the repository compared as the column does, NOCASE).</summary>
    public static bool CommentRecorded(WriteScope scope, string repository, long commentId)
    {
        using var reader = scope.Query(CommentCount, ("$repository", repository), ("$commentId", commentId));
        return reader.Read() && reader.GetInt64(0) > 0;
    }

    /// <summary>Whether a comment is recorded (the repository compared as the column does, case-insensitively).</summary>
    public const string CommentCountSql = "SELECT COUNT(*) FROM overrides WHERE repository = @repository AND comment_id = @commentId";

    public static async Task<bool> ExistsForCommentAsync(DbConnection connection, string repository, long commentId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            CommentCountSql,
            new { repository, commentId }, cancellationToken: cancellationToken)) > 0;

    /// <summary>Every override or revocation of the pull request, oldest first (the export lists approved exceptions).</summary>
    public static async Task<IReadOnlyList<StoredOverride>> ForPullRequestAsync(DbConnection connection, string repository, long number, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE repository = @repository AND pull_request_number = @number ORDER BY seq",
            new { repository, number }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToStored())];
    }

    private sealed record Row(
        long seq, string hash, string recorded_at, long installation_id, string repository, long pull_request_number,
        string head_sha, string action, long approver_id, string approver_login, string reason, string failed_rules_json,
        long comment_id, string? delivery_id)
    {
        public StoredOverride ToStored() => new(seq, hash, new OverrideRecord
        {
            RecordedAt = EvidenceTime.Parse(recorded_at),
            InstallationId = installation_id,
            Repository = repository,
            PullRequestNumber = pull_request_number,
            HeadSha = head_sha,
            Action = action,
            ApproverId = approver_id,
            ApproverLogin = approver_login,
            Reason = reason,
            FailedRulesJson = failed_rules_json,
            CommentId = comment_id,
            DeliveryId = delivery_id,
        });
    }
}
