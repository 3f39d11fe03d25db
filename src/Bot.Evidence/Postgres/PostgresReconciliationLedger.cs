using System.Text.Json;
using Bot.Evidence.Changes;
using Bot.Evidence.Reconciliation;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Postgres;

/// <summary>The reconciliation ledger in PostgreSQL: table <c>reconciled_branches</c>, and the changes chain's commit lists
/// read with <c>jsonb_array_elements_text</c> (SQLite's <c>json_each</c>).</summary>
internal sealed class PostgresReconciliationLedger(PostgresDatabase database) : IReconciliationLedger
{
    private const string Kinds = "c.kind IN (@pullRequest, @directPush, @scanned)";

    public async Task<IReadOnlyList<ReconciledBranch>> BranchesAsync(string repository, CancellationToken cancellationToken = default)
    {
        var rows = await database.RunAsync(c => c.QueryAsync<(string Repository, string Branch, string TipSha, string First, string Through)>(
            new CommandDefinition("""
                SELECT repository, branch, tip_sha, first_reconciled_at, reconciled_through
                FROM reconciled_branches WHERE repository = @repository ORDER BY branch
                """, new { repository }, cancellationToken: cancellationToken)), cancellationToken);
        return [.. rows.Select(r => new ReconciledBranch(r.Repository, r.Branch, r.TipSha, EvidenceTime.Parse(r.First), EvidenceTime.Parse(r.Through)))];
    }

    public Task SaveAsync(ReconciledBranch branch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(branch);
        return database.RunAsync(c => c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO reconciled_branches (repository, branch, tip_sha, first_reconciled_at, reconciled_through)
            VALUES (@Repository, @Branch, @TipSha, @First, @Through)
            ON CONFLICT (repository, branch) DO UPDATE SET
                tip_sha = excluded.tip_sha, reconciled_through = GREATEST(reconciled_branches.reconciled_through, excluded.reconciled_through)
            """, new
            {
                branch.Repository, branch.Branch, branch.TipSha,
                First = EvidenceTime.ToText(branch.FirstReconciledAt), Through = EvidenceTime.ToText(branch.ReconciledThrough),
            }, cancellationToken: cancellationToken)), cancellationToken);
    }

    public Task AdvanceAsync(string repository, DateTimeOffset through, CancellationToken cancellationToken = default) =>
        database.RunAsync(c => c.ExecuteAsync(new CommandDefinition("""
            UPDATE reconciled_branches SET reconciled_through = @Through
            WHERE repository = @repository AND reconciled_through < @Through
            """, new { repository, Through = EvidenceTime.ToText(through) }, cancellationToken: cancellationToken)), cancellationToken);

    public Task RemoveAsync(string repository, string branch, CancellationToken cancellationToken = default) =>
        database.RunAsync(c => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM reconciled_branches WHERE repository = @repository AND branch = @branch",
            new { repository, branch }, cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlySet<string>> HeldCommitsAsync(string repository, string branch, IReadOnlyCollection<string> shas,
        DateTimeOffset? recordedSince, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shas);
        if (shas.Count == 0) return new HashSet<string>(StringComparer.Ordinal);
        var held = await database.RunAsync(c => c.QueryAsync<string>(new CommandDefinition($"""
            SELECT j.value FROM changes c CROSS JOIN LATERAL jsonb_array_elements_text(c.commit_shas_json::jsonb) AS j(value)
            WHERE c.repository = @repository AND c.base_ref = @branch AND {Kinds}
              AND (@since::text IS NULL OR c.merged_at >= @since) AND j.value = ANY(@wanted)
            UNION
            SELECT c.merge_commit_sha FROM changes c
            WHERE c.repository = @repository AND c.base_ref = @branch AND {Kinds}
              AND (@since::text IS NULL OR c.merged_at >= @since) AND c.merge_commit_sha = ANY(@wanted)
            """,
            new
            {
                repository, branch, since = recordedSince is { } s ? EvidenceTime.ToText(s) : null,
                pullRequest = ChangeKinds.PullRequest, directPush = ChangeKinds.DirectPush, scanned = ChangeKinds.ScannedCommit,
                wanted = shas.ToArray(),
            }, cancellationToken: cancellationToken)), cancellationToken);
        return held.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<string?> NewestHeldCommitAsync(string repository, string branch, CancellationToken cancellationToken = default)
    {
        var row = await database.RunAsync(c => c.QuerySingleOrDefaultAsync<(string? MergeCommitSha, string? CommitShasJson)>(new CommandDefinition($"""
            SELECT merge_commit_sha, commit_shas_json FROM changes c
            WHERE repository = @repository AND base_ref = @branch AND {Kinds}
            ORDER BY seq DESC LIMIT 1
            """,
            new { repository, branch, pullRequest = ChangeKinds.PullRequest, directPush = ChangeKinds.DirectPush, scanned = ChangeKinds.ScannedCommit },
            cancellationToken: cancellationToken)), cancellationToken);
        if (row.CommitShasJson is null) return null;
        if (row.MergeCommitSha is not null) return row.MergeCommitSha;
        var commits = JsonSerializer.Deserialize(row.CommitShasJson, ChangeJsonContext.Default.IReadOnlyListString) ?? [];
        return commits.Count > 0 ? commits[^1] : null;
    }
}
