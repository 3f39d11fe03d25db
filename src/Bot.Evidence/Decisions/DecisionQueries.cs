using System.Data.Common;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Decisions;

/// <summary>Reads decisions back (never writes: appends go through the chain writer).</summary>
internal static class DecisionQueries
{
    private const string Select = """
        SELECT seq, hash, recorded_at, installation_id, repository, pull_request_number, head_sha, base_ref, delivery_id,
               body_sha256, bot_version, policy_source, policy_sha256, conclusion, title, ai_assisted, tools_json,
               contributors_json, approvals_json, rules_json, decision_json, check_run_id
        FROM decisions
        """;

    public static async Task<StoredDecision?> LatestForPullRequestAsync(DbConnection connection, string repository, long number, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE repository = @repository AND pull_request_number = @number ORDER BY seq DESC LIMIT 1",
            new { repository, number }, cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    /// <summary>The newest decision of a pull request recorded at or before <paramref name="at"/>: what the bot knew then.</summary>
    public static async Task<StoredDecision?> LatestForPullRequestAtAsync(DbConnection connection, string repository, long number, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE repository = @repository AND pull_request_number = @number AND recorded_at <= @at ORDER BY seq DESC LIMIT 1",
            new { repository, number, at = EvidenceTime.ToText(at) }, cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    public static async Task<StoredDecision?> LatestForHeadAsync(DbConnection connection, string repository, string headSha, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE repository = @repository AND head_sha = @headSha ORDER BY seq DESC LIMIT 1",
            new { repository, headSha }, cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    public static async Task<StoredDecision?> LatestForPullRequestHeadAsync(DbConnection connection, string repository, long number, string headSha, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE repository = @repository AND head_sha = @headSha AND pull_request_number = @number ORDER BY seq DESC LIMIT 1",
            new { repository, headSha, number }, cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    public static async Task<StoredDecision?> LatestForDeliveryAsync(DbConnection connection, string deliveryId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE delivery_id = @deliveryId ORDER BY seq DESC LIMIT 1",
            new { deliveryId }, cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    /// <summary>Every decision recorded for a pull request, oldest first: its evaluations over time (the dashboard's change page).</summary>
    public static async Task<IReadOnlyList<StoredDecision>> ForPullRequestAsync(DbConnection connection, string repository, long number, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE repository = @repository AND pull_request_number = @number ORDER BY seq",
            new { repository, number }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToStored())];
    }

    private sealed record Row(
        long seq, string hash, string recorded_at, long installation_id, string repository, long pull_request_number,
        string head_sha, string base_ref, string? delivery_id, string body_sha256, string bot_version, string policy_source,
        string? policy_sha256, string conclusion, string title, long ai_assisted, string tools_json, string contributors_json,
        string approvals_json, string rules_json, string decision_json, long? check_run_id)
    {
        public StoredDecision ToStored() => new(seq, hash, new DecisionRecord
        {
            RecordedAt = EvidenceTime.Parse(recorded_at),
            InstallationId = installation_id,
            Repository = repository,
            PullRequestNumber = pull_request_number,
            HeadSha = head_sha,
            BaseRef = base_ref,
            DeliveryId = delivery_id,
            BodySha256 = body_sha256,
            BotVersion = bot_version,
            PolicySource = policy_source,
            PolicySha256 = policy_sha256,
            Conclusion = conclusion,
            Title = title,
            AiAssisted = ai_assisted != 0,
            ToolsJson = tools_json,
            ContributorsJson = contributors_json,
            ApprovalsJson = approvals_json,
            RulesJson = rules_json,
            DecisionJson = decision_json,
            CheckRunId = check_run_id,
        });
    }
}
