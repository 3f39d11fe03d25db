using Bot.Evidence.CheckRuns;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Postgres;

/// <summary>The check-run cache in PostgreSQL, shared by the replicas: one row per (repository, head SHA), replaced in one
/// statement (an upsert), so two replicas saving at once leave one row.</summary>
internal sealed class PostgresCheckRunCache(PostgresDatabase database) : ICheckRunCache
{
    public async Task<CheckRunEntry?> GetAsync(string repository, string headSha, CancellationToken cancellationToken)
    {
        var row = await database.RunAsync(c => c.QuerySingleOrDefaultAsync<(string Repository, string HeadSha, long CheckRunId, string Status,
            string? Conclusion, string? Title, string? SummarySha256, string UpdatedAt)?>(new CommandDefinition("""
            SELECT repository, head_sha, check_run_id, status, conclusion, title, summary_sha256, updated_at
            FROM check_runs WHERE repository = @repository AND head_sha = @headSha
            """, new { repository, headSha }, cancellationToken: cancellationToken)), cancellationToken);
        return row is not { } r
            ? null
            : new CheckRunEntry(r.Repository, r.HeadSha, r.CheckRunId, r.Status, r.Conclusion, r.Title, r.SummarySha256, EvidenceTime.Parse(r.UpdatedAt));
    }

    public Task SaveAsync(CheckRunEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return database.RunAsync(c => c.ExecuteAsync(new CommandDefinition(CheckRunCacheSql.Save,
            new
            {
                entry.Repository, entry.HeadSha, entry.CheckRunId, entry.Status, entry.Conclusion, entry.Title,
                entry.SummarySha256, UpdatedAt = EvidenceTime.ToText(entry.UpdatedAt),
            }, cancellationToken: cancellationToken)), cancellationToken);
    }
}
