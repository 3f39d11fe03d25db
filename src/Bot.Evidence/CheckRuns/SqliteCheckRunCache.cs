using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.CheckRuns;

/// <summary>One row per (repository, head SHA) of the SQLite file: the newest check run, replaced when the bot creates another.</summary>
internal sealed class SqliteCheckRunCache(GroupCommitWriter writer, SqliteDatabase database) : ICheckRunCache
{
    public async Task<CheckRunEntry?> GetAsync(string repository, string headSha, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT repository AS Repository, head_sha AS HeadSha, check_run_id AS CheckRunId, status AS Status,
                   conclusion AS Conclusion, title AS Title, summary_sha256 AS SummarySha256, updated_at AS UpdatedAt
            FROM check_runs WHERE repository = @repository AND head_sha = @headSha
            """, new { repository, headSha }, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new CheckRunEntry(row.Repository, row.HeadSha, row.CheckRunId, row.Status, row.Conclusion, row.Title,
                row.SummarySha256, EvidenceTime.Parse(row.UpdatedAt));
    }

    public async Task SaveAsync(CheckRunEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var updatedAt = EvidenceTime.ToText(entry.UpdatedAt);
        await writer.ExecuteAsync(scope => scope.Connection.Execute(new CommandDefinition(CheckRunCacheSql.Save,
            new
            {
                entry.Repository, entry.HeadSha, entry.CheckRunId, entry.Status, entry.Conclusion, entry.Title,
                entry.SummarySha256, UpdatedAt = updatedAt,
            },
            scope.Transaction)), cancellationToken, sync: false); // a cache: losing it costs one new check run, not evidence
    }

    private sealed class Row
    {
        public string Repository { get; init; } = "";
        public string HeadSha { get; init; } = "";
        public long CheckRunId { get; init; }
        public string Status { get; init; } = "";
        public string? Conclusion { get; init; }
        public string? Title { get; init; }
        public string? SummarySha256 { get; init; }
        public string UpdatedAt { get; init; } = "";
    }
}
