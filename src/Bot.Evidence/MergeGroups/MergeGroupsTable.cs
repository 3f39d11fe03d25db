using Bot.Evidence.Chain;
using Bot.Evidence.Storage;

namespace Bot.Evidence.MergeGroups;

/// <summary>The merge group decisions chain: its columns, and the mapping from <see cref="MergeGroupRecord"/> to them.</summary>
internal static class MergeGroupsTable
{
    public static ChainedTable Table { get; } = new("merge_group_decisions",
    [
        new("recorded_at", ChainValueKind.Text),
        new("installation_id", ChainValueKind.Number),
        new("repository", ChainValueKind.Text),
        new("base_ref", ChainValueKind.Text),
        new("base_sha", ChainValueKind.Text),
        new("head_ref", ChainValueKind.Text),
        new("head_sha", ChainValueKind.Text),
        new("delivery_id", ChainValueKind.Text, Nullable: true),
        new("bot_version", ChainValueKind.Text),
        new("conclusion", ChainValueKind.Text),
        new("title", ChainValueKind.Text),
        new("decision_json", ChainValueKind.Text),
        new("check_run_id", ChainValueKind.Number, Nullable: true),
    ]);

    public static object?[] ToRow(MergeGroupRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ChainRow.RequireRepository(record.Repository, nameof(record));
        if (record.Conclusion is not ("success" or "failure"))
            throw new ArgumentException($"A merge group decision is success or failure, not '{record.Conclusion}'.", nameof(record));
        return ChainRow.Validate(Table,
        [
            EvidenceTime.ToText(record.RecordedAt),
            record.InstallationId,
            record.Repository,
            record.BaseRef,
            record.BaseSha,
            record.HeadRef,
            record.HeadSha,
            record.DeliveryId,
            record.BotVersion,
            record.Conclusion,
            record.Title,
            record.DecisionJson,
            record.CheckRunId,
        ]);
    }
}
