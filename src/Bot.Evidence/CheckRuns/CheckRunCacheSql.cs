namespace Bot.Evidence.CheckRuns;

/// <summary>The check-run cache's statements, the same on every provider (Dapper's <c>@name</c> parameters).</summary>
internal static class CheckRunCacheSql
{
    /// <summary>Inserts or replaces the row of (repository, head SHA) in one statement, so two writers leave one row.</summary>
    public const string Save = """
        INSERT INTO check_runs (repository, head_sha, check_run_id, status, conclusion, title, summary_sha256, updated_at)
        VALUES (@Repository, @HeadSha, @CheckRunId, @Status, @Conclusion, @Title, @SummarySha256, @UpdatedAt)
        ON CONFLICT (repository, head_sha) DO UPDATE SET
            check_run_id = excluded.check_run_id, status = excluded.status, conclusion = excluded.conclusion,
            title = excluded.title, summary_sha256 = excluded.summary_sha256, updated_at = excluded.updated_at
        """;
}
