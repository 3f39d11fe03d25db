using Bot.Evidence.Chain;
using Bot.Evidence.Storage;

namespace Bot.Evidence.Decisions;

/// <summary>The decisions chain: its columns, and the mapping from <see cref="DecisionRecord"/> to them.</summary>
internal static class DecisionsTable
{
    public static ChainedTable Table { get; } = new("decisions",
    [
        new("recorded_at", ChainValueKind.Text),
        new("installation_id", ChainValueKind.Number),
        new("repository", ChainValueKind.Text),
        new("pull_request_number", ChainValueKind.Number),
        new("head_sha", ChainValueKind.Text),
        new("base_ref", ChainValueKind.Text),
        new("delivery_id", ChainValueKind.Text, Nullable: true),
        new("body_sha256", ChainValueKind.Text),
        new("bot_version", ChainValueKind.Text),
        new("policy_source", ChainValueKind.Text),
        new("policy_sha256", ChainValueKind.Text, Nullable: true),
        new("conclusion", ChainValueKind.Text),
        new("title", ChainValueKind.Text),
        new("ai_assisted", ChainValueKind.Boolean),
        new("tools_json", ChainValueKind.Text),
        new("contributors_json", ChainValueKind.Text),
        new("approvals_json", ChainValueKind.Text),
        new("rules_json", ChainValueKind.Text),
        new("decision_json", ChainValueKind.Text),
        new("check_run_id", ChainValueKind.Number, Nullable: true),
    ]);

    public static object?[] ToRow(DecisionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ChainRow.RequireRepository(record.Repository, nameof(record));
        return ChainRow.Validate(Table,
        [
            EvidenceTime.ToText(record.RecordedAt),
            record.InstallationId,
            record.Repository,
            record.PullRequestNumber,
            record.HeadSha,
            record.BaseRef,
            record.DeliveryId,
            record.BodySha256,
            record.BotVersion,
            record.PolicySource,
            record.PolicySha256,
            record.Conclusion,
            record.Title,
            record.AiAssisted,
            record.ToolsJson,
            record.ContributorsJson,
            record.ApprovalsJson,
            record.RulesJson,
            record.DecisionJson,
            record.CheckRunId,
        ]);
    }
}
