using System.Text.Json;
using Bot.Evidence.Chain;
using Bot.Evidence.Storage;

namespace Bot.Evidence.Changes;

/// <summary>The changes chain: its columns, and the mapping from <see cref="ChangeRecord"/> to them.</summary>
internal static class ChangesTable
{
    public static ChainedTable Table { get; } = new("changes",
    [
        new("recorded_at", ChainValueKind.Text),
        new("installation_id", ChainValueKind.Number, Nullable: true),
        new("repository", ChainValueKind.Text),
        new("kind", ChainValueKind.Text),
        new("change_id", ChainValueKind.Text),
        new("pull_request_number", ChainValueKind.Number, Nullable: true),
        new("title", ChainValueKind.Text),
        new("author", ChainValueKind.Text),
        new("merged_by", ChainValueKind.Text, Nullable: true),
        new("merged_at", ChainValueKind.Text),
        new("base_ref", ChainValueKind.Text),
        new("head_sha", ChainValueKind.Text, Nullable: true),
        new("merge_commit_sha", ChainValueKind.Text, Nullable: true),
        new("commit_shas_json", ChainValueKind.Text),
        new("ai_assisted", ChainValueKind.Boolean),
        new("ai_tools_json", ChainValueKind.Text),
        new("decision_seq", ChainValueKind.Number, Nullable: true),
        new("decision_hash", ChainValueKind.Text, Nullable: true),
        new("findings_json", ChainValueKind.Text),
        new("delivery_id", ChainValueKind.Text, Nullable: true),
        new("source", ChainValueKind.Text),
    ]);

    public static object?[] ToRow(ChangeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ChainRow.RequireRepository(record.Repository, nameof(record));
        if (!ChangeKinds.All.Contains(record.Kind))
        {
            throw new ArgumentException($"Unknown change kind '{record.Kind}'.", nameof(record));
        }
        if (string.IsNullOrEmpty(record.ChangeId))
        {
            throw new ArgumentException("A change needs a change id.", nameof(record));
        }
        return ChainRow.Validate(Table,
        [
            EvidenceTime.ToText(record.RecordedAt),
            record.InstallationId,
            record.Repository,
            record.Kind,
            record.ChangeId,
            record.PullRequestNumber,
            record.Title,
            record.Author,
            record.MergedBy,
            EvidenceTime.ToText(record.MergedAt),
            record.BaseRef,
            record.HeadSha,
            record.MergeCommitSha,
            JsonSerializer.Serialize(record.CommitShas, ChangeJsonContext.Default.IReadOnlyListString),
            record.AiAssisted,
            JsonSerializer.Serialize(record.AiTools, ChangeJsonContext.Default.IReadOnlyListString),
            record.DecisionSeq,
            record.DecisionHash,
            JsonSerializer.Serialize(record.Findings, ChangeJsonContext.Default.IReadOnlyListChangeFinding),
            record.DeliveryId,
            record.Source,
        ]);
    }
}
