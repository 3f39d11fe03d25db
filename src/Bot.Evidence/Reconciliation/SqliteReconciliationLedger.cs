using System.Text.Json;
using Bot.Evidence.Changes;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Reconciliation;

/// <summary>The reconciliation ledger in the SQLite file: table <c>reconciled_branches</c>, and the changes chain read with
/// SQLite's <c>json_each</c>.</summary>
internal sealed class SqliteReconciliationLedger : IReconciliationLedger
{
    private readonly GroupCommitWriter _writer;
    private readonly SqliteDatabase _database;

    internal SqliteReconciliationLedger(GroupCommitWriter writer, SqliteDatabase database)
    {
        _writer = writer;
        _database = database;
    }

    public async Task<IReadOnlyList<ReconciledBranch>> BranchesAsync(string repository, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT repository AS Repository, branch AS Branch, tip_sha AS TipSha, first_reconciled_at AS FirstReconciledAt,
                   reconciled_through AS ReconciledThrough
            FROM reconciled_branches WHERE repository = @repository ORDER BY branch
            """, new { repository }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToBranch())];
    }

    public Task SaveAsync(ReconciledBranch branch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(branch);
        var parameters = new
        {
            branch.Repository, branch.Branch, branch.TipSha,
            First = EvidenceTime.ToText(branch.FirstReconciledAt), Through = EvidenceTime.ToText(branch.ReconciledThrough),
        };
        // Bookkeeping: a lost row only means the next pass reads that history again (recording nothing twice).
        return _writer.ExecuteAsync(scope => scope.Connection.Execute(new CommandDefinition("""
            INSERT INTO reconciled_branches (repository, branch, tip_sha, first_reconciled_at, reconciled_through)
            VALUES (@Repository, @Branch, @TipSha, @First, @Through)
            ON CONFLICT (repository, branch) DO UPDATE SET
                tip_sha = excluded.tip_sha, reconciled_through = MAX(reconciled_through, excluded.reconciled_through)
            """, parameters, scope.Transaction)), cancellationToken, sync: false);
    }

    public Task AdvanceAsync(string repository, DateTimeOffset through, CancellationToken cancellationToken = default) =>
        _writer.ExecuteAsync(scope => scope.Connection.Execute(new CommandDefinition("""
            UPDATE reconciled_branches SET reconciled_through = @Through
            WHERE repository = @repository AND reconciled_through < @Through
            """, new { repository, Through = EvidenceTime.ToText(through) }, scope.Transaction)), cancellationToken, sync: false);

    public Task RemoveAsync(string repository, string branch, CancellationToken cancellationToken = default) =>
        _writer.ExecuteAsync(scope => scope.Connection.Execute(new CommandDefinition(
            "DELETE FROM reconciled_branches WHERE repository = @repository AND branch = @branch",
            new { repository, branch }, scope.Transaction)), cancellationToken, sync: false);

    public async Task<IReadOnlySet<string>> HeldCommitsAsync(string repository, string branch, IReadOnlyCollection<string> shas,
        DateTimeOffset? recordedSince, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shas);
        if (shas.Count == 0) return new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var held = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT j.value FROM changes c, json_each(c.commit_shas_json) j
            WHERE c.repository = @repository AND c.base_ref = @branch AND c.kind IN (@pullRequest, @directPush, @scanned)
              AND (@since IS NULL OR c.merged_at >= @since) AND j.value IN (SELECT value FROM json_each(@wanted))
            UNION
            SELECT c.merge_commit_sha FROM changes c
            WHERE c.repository = @repository AND c.base_ref = @branch AND c.kind IN (@pullRequest, @directPush, @scanned)
              AND (@since IS NULL OR c.merged_at >= @since) AND c.merge_commit_sha IN (SELECT value FROM json_each(@wanted))
            """,
            new
            {
                repository, branch, since = recordedSince is { } s ? EvidenceTime.ToText(s) : null,
                pullRequest = ChangeKinds.PullRequest, directPush = ChangeKinds.DirectPush, scanned = ChangeKinds.ScannedCommit,
                wanted = JsonSerializer.Serialize<IReadOnlyList<string>>([.. shas], ChangeJsonContext.Default.IReadOnlyListString),
            }, cancellationToken: cancellationToken));
        return held.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<string?> NewestHeldCommitAsync(string repository, string branch, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string? MergeCommitSha, string? CommitShasJson)>(new CommandDefinition("""
            SELECT merge_commit_sha, commit_shas_json FROM changes
            WHERE repository = @repository AND base_ref = @branch AND kind IN (@pullRequest, @directPush, @scanned)
            ORDER BY seq DESC LIMIT 1
            """,
            new { repository, branch, pullRequest = ChangeKinds.PullRequest, directPush = ChangeKinds.DirectPush, scanned = ChangeKinds.ScannedCommit },
            cancellationToken: cancellationToken));
        if (row.CommitShasJson is null) return null;
        if (row.MergeCommitSha is not null) return row.MergeCommitSha;
        var commits = JsonSerializer.Deserialize(row.CommitShasJson, ChangeJsonContext.Default.IReadOnlyListString) ?? [];
        return commits.Count > 0 ? commits[^1] : null;
    }

    private sealed class Row
    {
        public string Repository { get; init; } = "";
        public string Branch { get; init; } = "";
        public string TipSha { get; init; } = "";
        public string FirstReconciledAt { get; init; } = "";
        public string ReconciledThrough { get; init; } = "";

        public ReconciledBranch ToBranch() =>
            new(Repository, Branch, TipSha, EvidenceTime.Parse(FirstReconciledAt), EvidenceTime.Parse(ReconciledThrough));
    }
}
