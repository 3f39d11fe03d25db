using System.Data.Common;
using System.Text.Json;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Changes;

/// <summary>The decision a change refers to: enough to judge it at merge time without reading the whole record.</summary>
public sealed record DecisionReference(long Seq, string Hash, string Conclusion, DateTimeOffset RecordedAt, bool AiAssisted, string ToolsJson);

/// <summary>The commits a recorded change holds and the codes of its findings (which say whether the commits are complete).</summary>
public sealed record RecordedCommits(IReadOnlyList<string> CommitShas, IReadOnlyList<string> FindingCodes);

/// <summary>Reads for the change recorder (appends go through the chain writer).</summary>
internal static class ChangeQueries
{
    public static async Task<bool> ExistsAsync(DbConnection connection, string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM changes WHERE repository = @repository AND base_ref = @baseRef AND change_id = @changeId AND kind = @kind",
            new { repository, baseRef, changeId, kind }, cancellationToken: cancellationToken)) > 0;

    /// <summary>The commits of a recorded change and the codes of its findings; null when the change is not recorded.</summary>
    public static async Task<RecordedCommits?> CommitsAsync(
        DbConnection connection, string repository, string baseRef, string kind, string changeId, CancellationToken cancellationToken)
    {
        var row = await connection.QueryFirstOrDefaultAsync<CommitsRow>(new CommandDefinition(
            """
            SELECT commit_shas_json, findings_json FROM changes
            WHERE repository = @repository AND base_ref = @baseRef AND change_id = @changeId AND kind = @kind
            ORDER BY seq LIMIT 1
            """,
            new { repository, baseRef, changeId, kind }, cancellationToken: cancellationToken));
        if (row is null)
            return null;
        var commits = JsonSerializer.Deserialize(row.commit_shas_json, ChangeJsonContext.Default.IReadOnlyListString) ?? [];
        var findings = JsonSerializer.Deserialize(row.findings_json, ChangeJsonContext.Default.IReadOnlyListChangeFinding) ?? [];
        return new RecordedCommits(commits, findings.Select(f => f.Code).ToList());
    }

    /// <summary>The newest decision of the pull request for <paramref name="headSha"/> recorded at or before <paramref name="until"/>
    /// (null: any time), a GitHub time in whole seconds (<see cref="EvidenceTime.EndOfSecond"/>).</summary>
    public static async Task<DecisionReference?> LatestDecisionAsync(
        DbConnection connection, string repository, long number, string headSha, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT seq, hash, conclusion, recorded_at, ai_assisted, tools_json FROM decisions
            WHERE repository = @repository AND head_sha = @headSha AND pull_request_number = @number
              AND (@until IS NULL OR recorded_at <= @until)
            ORDER BY seq DESC LIMIT 1
            """,
            new { repository, headSha, number, until = until is { } u ? EvidenceTime.ToText(EvidenceTime.EndOfSecond(u)) : null },
            cancellationToken: cancellationToken));
        return row is null ? null : new DecisionReference(row.seq, row.hash, row.conclusion, EvidenceTime.Parse(row.recorded_at), row.ai_assisted != 0, row.tools_json);
    }

    private sealed record CommitsRow(string commit_shas_json, string findings_json);

    private sealed record Row(long seq, string hash, string conclusion, string recorded_at, long ai_assisted, string tools_json);
}
