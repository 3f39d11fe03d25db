using System.Text.Json;
using Bot.Evidence.Changes;
using Bot.Evidence.Decisions;
using Bot.Evidence.Export;
using Bot.Evidence.Overrides;
using Bot.Evidence.Storage;
using System.Data.Common;
using Dapper;

namespace Bot.Evidence.Dashboard;

/// <summary>A change with everything the dashboard shows about it: its decisions over time, the overrides of its pull
/// request, and the override in force at merge as the export reports it.</summary>
public sealed record ChangeDetail(
    StoredChange Change,
    IReadOnlyList<StoredDecision> Decisions,
    IReadOnlyList<StoredOverride> Overrides,
    ApprovedOverride? OverrideInForce);

/// <summary>The dashboard's change page: one change read whole, in one snapshot with the records about its pull request.</summary>
internal static class ChangeDetails
{
    /// <summary>A change by its seq in the changes chain; null when there is none.</summary>
    public static async Task<ChangeDetail?> FindAsync(string dbPath, long seq, CancellationToken cancellationToken = default)
    {
        using var connection = ChangeExporter.OpenForExport(new SqliteDatabase(dbPath, readOnly: true));
        await connection.ExecuteAsync("BEGIN DEFERRED");
        try
        {
            return await FindAsync(connection, seq, cancellationToken);
        }
        finally
        {
            await connection.ExecuteAsync("COMMIT");
        }
    }

    /// <summary>A change by its seq, read on a connection in the caller's snapshot (any provider: the SQL is the same).</summary>
    public static async Task<ChangeDetail?> FindAsync(DbConnection connection, long seq, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT seq, hash, recorded_at, installation_id, repository, kind, change_id, pull_request_number, title, author, merged_by,
                   merged_at, base_ref, head_sha, merge_commit_sha, commit_shas_json, ai_assisted, ai_tools_json, decision_seq,
                   decision_hash, findings_json, delivery_id, source
            FROM changes WHERE seq = @seq
            """, new { seq }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }
        var change = row.ToStored();
        if (change.Record.PullRequestNumber is not { } number)
        {
            return new ChangeDetail(change, [], [], null);
        }
        var decisions = await DecisionQueries.ForPullRequestAsync(connection, change.Record.Repository, number, cancellationToken);
        var overrides = await OverrideQueries.ForPullRequestAsync(connection, change.Record.Repository, number, cancellationToken);
        // As the export's override column: in force for the merged head at merge, and the decision the merge relied on
        // concluded success with it.
        var atMerge = decisions.FirstOrDefault(d => d.Seq == change.Record.DecisionSeq);
        var inForce = change.Record.HeadSha is { } head && atMerge is { Record.Conclusion: "success" }
            ? new OverrideLookup(connection).Find(change.Record.Repository, number, head, change.Record.MergedAt)
            : null;
        return new ChangeDetail(change, decisions, overrides, inForce);
    }

    private static IReadOnlyList<string> Strings(string json) =>
        JsonSerializer.Deserialize(json, ChangeJsonContext.Default.IReadOnlyListString) ?? [];

    private sealed record Row(
        long seq, string hash, string recorded_at, long? installation_id, string repository, string kind, string change_id,
        long? pull_request_number, string title, string author, string? merged_by, string merged_at, string base_ref, string? head_sha,
        string? merge_commit_sha, string commit_shas_json, long ai_assisted, string ai_tools_json, long? decision_seq, string? decision_hash,
        string findings_json, string? delivery_id, string source)
    {
        public StoredChange ToStored() => new(seq, hash, new ChangeRecord
        {
            RecordedAt = EvidenceTime.Parse(recorded_at),
            InstallationId = installation_id,
            Repository = repository,
            Kind = kind,
            ChangeId = change_id,
            PullRequestNumber = pull_request_number,
            Title = title,
            Author = author,
            MergedBy = merged_by,
            MergedAt = EvidenceTime.Parse(merged_at),
            BaseRef = base_ref,
            HeadSha = head_sha,
            MergeCommitSha = merge_commit_sha,
            CommitShas = Strings(commit_shas_json),
            AiAssisted = ai_assisted != 0,
            AiTools = Strings(ai_tools_json),
            DecisionSeq = decision_seq,
            DecisionHash = decision_hash,
            Findings = ChangeBrowser.Findings(findings_json),
            DeliveryId = delivery_id,
            Source = source,
        });
    }
}
