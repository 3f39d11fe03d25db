using System.Data.Common;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.MergeGroups;

/// <summary>Reads merge group decisions back (appends go through the chain writer).</summary>
internal static class MergeGroupQueries
{
    private const string Select = """
        SELECT seq, hash, recorded_at, installation_id, repository, base_ref, base_sha, head_ref, head_sha, delivery_id,
               bot_version, conclusion, title, decision_json, check_run_id
        FROM merge_group_decisions
        """;

    public static async Task<StoredMergeGroupDecision?> LatestForHeadAsync(DbConnection connection, string repository, string headSha, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE repository = @repository AND head_sha = @headSha ORDER BY seq DESC LIMIT 1",
            new { repository, headSha }, cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    public static async Task<StoredMergeGroupDecision?> LatestForDeliveryAsync(DbConnection connection, string deliveryId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE delivery_id = @deliveryId ORDER BY seq DESC LIMIT 1",
            new { deliveryId }, cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    private sealed record Row(
        long seq, string hash, string recorded_at, long installation_id, string repository, string base_ref, string base_sha,
        string head_ref, string head_sha, string? delivery_id, string bot_version, string conclusion, string title,
        string decision_json, long? check_run_id)
    {
        public StoredMergeGroupDecision ToStored() => new(seq, hash, new MergeGroupRecord
        {
            RecordedAt = EvidenceTime.Parse(recorded_at),
            InstallationId = installation_id,
            Repository = repository,
            BaseRef = base_ref,
            BaseSha = base_sha,
            HeadRef = head_ref,
            HeadSha = head_sha,
            DeliveryId = delivery_id,
            BotVersion = bot_version,
            Conclusion = conclusion,
            Title = title,
            DecisionJson = decision_json,
            CheckRunId = check_run_id,
        });
    }
}
