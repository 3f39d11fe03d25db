using Bot.Evidence.Chain;
using Bot.Evidence.Storage;

namespace Bot.Evidence.Overrides;

/// <summary>The overrides chain: its columns, and the mapping from <see cref="OverrideRecord"/> to them.</summary>
internal static class OverridesTable
{
    public static ChainedTable Table { get; } = new("overrides",
    [
        new("recorded_at", ChainValueKind.Text),
        new("installation_id", ChainValueKind.Number),
        new("repository", ChainValueKind.Text),
        new("pull_request_number", ChainValueKind.Number),
        new("head_sha", ChainValueKind.Text),
        new("action", ChainValueKind.Text),
        new("approver_id", ChainValueKind.Number),
        new("approver_login", ChainValueKind.Text),
        new("reason", ChainValueKind.Text),
        new("failed_rules_json", ChainValueKind.Text),
        new("comment_id", ChainValueKind.Number),
        new("delivery_id", ChainValueKind.Text, Nullable: true),
    ]);

    public static object?[] ToRow(OverrideRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ChainRow.RequireRepository(record.Repository, nameof(record));
        if (record.Action is not ("override" or "revoke"))
            throw new ArgumentException($"Override action '{record.Action}' is neither override nor revoke.", nameof(record));
        return ChainRow.Validate(Table,
        [
            EvidenceTime.ToText(record.RecordedAt),
            record.InstallationId,
            record.Repository,
            record.PullRequestNumber,
            record.HeadSha,
            record.Action,
            record.ApproverId,
            record.ApproverLogin,
            record.Reason,
            record.FailedRulesJson,
            record.CommentId,
            record.DeliveryId,
        ]);
    }
}
