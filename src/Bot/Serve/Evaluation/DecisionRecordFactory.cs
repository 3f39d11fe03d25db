using System.Reflection;
using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Evidence.Decisions;

namespace Bot.Serve.Evaluation;

/// <summary>Turns a decision into its evidence record (policy.md §5). Every column is read from the <see cref="Decision"/>
/// type (a renamed property breaks the build, not the record); the JSON columns are written by the same serializer as the
/// canonical decision JSON, so each is byte for byte the text it has inside <c>DecisionJson</c>.</summary>
public static class DecisionRecordFactory
{
    public static string BotVersion { get; } =
        typeof(DecisionRecordFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Ties a check run to its decision: anyone holding the evidence record can recompute it from DecisionJson.</summary>
    public static string ExternalId(string decisionJson) =>
        Sha256Text.Of(decisionJson)[..40];

    /// <summary>The hash a decision keeps of the pull request body it read (an absent body hashes as empty text).</summary>
    public static string BodySha256(string? body) => Sha256Text.Of(body ?? "");

    /// <param name="decisionJson"><c>DecisionJson.Serialize(decision)</c>, made once by the caller (the check run's external id
    /// is its hash).</param>
    public static DecisionRecord Create(EvaluationContext context, Decision decision, string decisionJson, long? checkRunId, DateTimeOffset recordedAt)
    {
        var parts = DecisionJson.Parts(decision);
        return new DecisionRecord
        {
            RecordedAt = recordedAt,
            InstallationId = context.Key.InstallationId,
            Repository = context.Key.Repository,
            PullRequestNumber = context.Key.Number,
            HeadSha = context.PullRequest.HeadSha,
            BaseRef = context.PullRequest.BaseRef,
            DeliveryId = context.DeliveryId,
            BodySha256 = BodySha256(context.PullRequest.Body),
            BotVersion = BotVersion,
            PolicySource = context.Policy.Source,
            PolicySha256 = context.Policy.Sha256,
            Conclusion = ConclusionWords.Of(decision.Conclusion),
            Title = decision.Title,
            AiAssisted = decision.AiAssisted,
            ToolsJson = parts.DeclaredTools,
            ContributorsJson = parts.Contributors,
            ApprovalsJson = parts.Approvals,
            RulesJson = parts.Rules,
            DecisionJson = decisionJson,
            CheckRunId = checkRunId,
        };
    }
}

/// <summary>What one evaluation read: the pull request as fetched, the policy in force, the delivery that caused it.</summary>
public sealed record EvaluationContext(PullRequestKey Key, PullRequestInfo PullRequest, ResolvedPolicy Policy, string? DeliveryId);
