using System.Text.Json;
using Bot.Core.Model;
using Bot.Core.Overrides;
using Bot.Core.Rendering;
using Bot.Evidence;
using Bot.Evidence.Overrides;
using Bot.GitHub;
using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;

namespace Bot.Serve.Overrides;

/// <summary>Handles <c>/ai-compliance override &lt;reason&gt;</c> and <c>/ai-compliance revoke</c> comments (policy.md §7).
/// An accepted command becomes an evidence record of its own, for the head SHA current at the time of the comment; a refused
/// one gets a reply saying why and changes nothing. Only <c>created</c> comments count: editing a comment afterwards does
/// not change what was recorded.</summary>
public sealed class OverrideCommandHandler(
    GitHubApp github,
    PullRequestEvaluator evaluator,
    EvidenceStore store,
    TimeProvider clock,
    ILogger<OverrideCommandHandler> logger)
{
    /// <returns>true when the pull request must be evaluated again (an override or revocation was recorded).</returns>
    public async Task<bool> HandleAsync(IssueCommentEvent comment, PullRequestKey key, string deliveryId, CancellationToken cancellationToken)
    {
        if (comment.Action != "created") return false;
        var command = OverrideCommand.Parse(comment.Comment.Body);
        if (command.Verb == OverrideVerb.None) return false;
        if (await store.OverrideExistsForCommentAsync(key.Repository, comment.Comment.Id, cancellationToken))
            return true; // this delivery was already recorded before a crash or retry; only the evaluation remains

        var client = github.ForInstallation(key.InstallationId);
        var (context, decision) = await evaluator.DecideAsync(key, deliveryId, cancellationToken);
        var commenter = new GitHubUser(comment.Comment.User.Id, comment.Comment.User.Login, comment.Comment.User.Type ?? "User");
        var verb = command.Verb == OverrideVerb.Override ? "override" : "revoke";

        string? refusal;
        if (context.Policy.Policy is not { } policy)
        {
            refusal = "the policy file is invalid, so no approver list can be read";
        }
        else
        {
            var teamMember = false;
            foreach (var (org, team) in OverrideCheck.ApproverTeams(policy))
                teamMember = teamMember || await client.IsTeamMemberAsync(org, team, commenter.Login, cancellationToken);
            refusal = OverrideCheck.Refusal(command, commenter, policy, decision, teamMember);
            if (refusal is null && command.Verb == OverrideVerb.Override && decision.Conclusion != Conclusion.Failure)
                refusal = "the check is not failing on the current head, so there is nothing to override";
        }

        if (refusal is not null)
        {
            logger.LogInformation("Refused /ai-compliance {Verb} by {Login} on {PullRequest}: {Reason}", verb, commenter.Login, key.ToString(), refusal);
            await client.CreateIssueCommentAsync(key.Owner, key.Repo, key.Number,
                $"`/ai-compliance {verb}` was refused and changed nothing: {MarkdownText.Escape(refusal)}.", cancellationToken);
            return false;
        }

        var failed = decision.Rules.Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.Id).ToArray();
        await store.AppendOverrideAsync(new OverrideRecord
        {
            RecordedAt = clock.GetUtcNow(),
            InstallationId = key.InstallationId,
            Repository = key.Repository,
            PullRequestNumber = key.Number,
            HeadSha = context.PullRequest.HeadSha,
            Action = verb,
            ApproverId = commenter.Id,
            ApproverLogin = commenter.Login,
            Reason = command.Reason,
            FailedRulesJson = JsonSerializer.Serialize(failed, OverrideJsonContext.Default.StringArray),
            CommentId = comment.Comment.Id,
            DeliveryId = deliveryId,
        }, cancellationToken);
        logger.LogInformation("Recorded /ai-compliance {Verb} by {Login} on {PullRequest} at {HeadSha}", verb, commenter.Login, key.ToString(), context.PullRequest.HeadSha);
        await client.CreateIssueCommentAsync(key.Owner, key.Repo, key.Number, command.Verb == OverrideVerb.Override
            ? $"Exception recorded for head {context.PullRequest.HeadSha[..Math.Min(7, context.PullRequest.HeadSha.Length)]}: overridden by @{MarkdownText.Escape(commenter.Login)}. A new push is evaluated normally."
            : $"Override revoked by @{MarkdownText.Escape(commenter.Login)}; the check shows the evaluated result again.", cancellationToken);
        return true;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class OverrideJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
