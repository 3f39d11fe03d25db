using System.Text.Json;
using Bot.Core.Model;
using Bot.Core.Overrides;
using Bot.Core.Rendering;
using Bot.Evidence.Decisions;
using Bot.Evidence.Overrides;
using Bot.GitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;

namespace Bot.Serve.Overrides;

/// <summary>Handles <c>/ai-compliance override &lt;reason&gt;</c> and <c>/ai-compliance revoke</c> comments (policy.md §7).
/// An accepted command becomes an evidence record of its own; a refused one gets a reply saying why and changes nothing.
/// Only <c>created</c> comments count: editing a comment afterwards does not change what was recorded.
/// <para>Binding and replay: a delivery is only a pointer. The comment is read again from GitHub by id and must still say
/// the same command (a deleted or edited one grants nothing); the command applies to the head the approver saw, the head
/// when the comment was created, and is refused when the head has changed since; and one comment is recorded at most once,
/// whatever delivery carries it (a signed delivery re-sent under a new delivery id adds nothing).</para></summary>
public sealed class OverrideCommandHandler(
    IInstallationClientFactory github,
    PullRequestEvaluator evaluator,
    IOverrideLog overrideLog,
    IDecisionLog decisions,
    TimeProvider clock,
    ILogger<OverrideCommandHandler> logger)
{
    /// <returns><see cref="OverrideHandled.Evaluate"/> when the pull request must be evaluated again (an override or
    /// revocation was recorded), with the decision made to judge the command when one was made: the evaluation that follows
    /// applies the recorded override to it instead of reading and deciding the pull request a second time.</returns>
    public async Task<OverrideHandled> HandleAsync(IssueCommentEvent comment, PullRequestKey key, string deliveryId, CancellationToken cancellationToken)
    {
        if (comment.Action != "created") return OverrideHandled.Nothing;
        var command = OverrideCommand.Parse(comment.Comment.Body);
        if (command.Verb == OverrideVerb.None) return OverrideHandled.Nothing;
        if (await overrideLog.ExistsForCommentAsync(key.Repository, comment.Comment.Id, cancellationToken))
            return OverrideHandled.Again; // recorded before (a retry, or the same comment under another delivery id): only the evaluation remains

        var client = github.ForInstallation(key.InstallationId);
        var commenter = new GitHubUser(comment.Comment.User.Id, comment.Comment.User.Login, comment.Comment.User.Type ?? "User");
        var verb = command.Verb == OverrideVerb.Override ? "override" : "revoke";

        var current = await client.GetIssueCommentAsync(key.Owner, key.Repo, comment.Comment.Id, cancellationToken);
        if (NoLongerTheCommand(current, command, commenter, key) is { } changed)
        {
            logger.LogWarning("Nothing granted for /ai-compliance {Verb} by {Login} on {PullRequest} (comment {CommentId}, delivery {DeliveryId}): {Reason}",
                verb, commenter.Login, key.ToString(), comment.Comment.Id, deliveryId, changed);
            await ReplyRefusedAsync(client, key, verb, changed, cancellationToken);
            return OverrideHandled.Nothing;
        }

        var (context, decision) = await evaluator.DecideAsync(key, deliveryId, cancellationToken);
        var headSha = context.PullRequest.HeadSha;
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
            refusal = OverrideCheck.Refusal(command, commenter, policy, decision, teamMember)
                      ?? await HeadChangedAsync(key, current!.CreatedAt, headSha, cancellationToken);
            if (refusal is null && command.Verb == OverrideVerb.Override && decision.Conclusion != Conclusion.Failure)
                refusal = "the check is not failing on the current head, so there is nothing to override";
        }

        if (refusal is not null)
        {
            logger.LogInformation("Refused /ai-compliance {Verb} by {Login} on {PullRequest}: {Reason}", verb, commenter.Login, key.ToString(), refusal);
            await ReplyRefusedAsync(client, key, verb, refusal, cancellationToken);
            return OverrideHandled.Nothing;
        }

        var failed = decision.Rules.Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.Id).ToArray();
        var appended = await overrideLog.AppendAsync(new OverrideRecord
        {
            RecordedAt = clock.GetUtcNow(),
            InstallationId = key.InstallationId,
            Repository = key.Repository,
            PullRequestNumber = key.Number,
            HeadSha = headSha,
            Action = verb,
            ApproverId = commenter.Id,
            ApproverLogin = commenter.Login,
            Reason = command.Reason,
            FailedRulesJson = JsonSerializer.Serialize(failed, OverrideJsonContext.Default.StringArray),
            CommentId = comment.Comment.Id,
            DeliveryId = deliveryId,
        }, cancellationToken);
        if (appended is null)
            return OverrideHandled.Again; // another delivery of the same comment was recorded meanwhile; it replied

        logger.LogInformation("Recorded /ai-compliance {Verb} by {Login} on {PullRequest} at {HeadSha}", verb, commenter.Login, key.ToString(), headSha);
        await client.CreateIssueCommentAsync(key.Owner, key.Repo, key.Number, command.Verb == OverrideVerb.Override
            ? $"Exception recorded for head {Short(headSha)}: overridden by @{MarkdownText.Escape(commenter.Login)}. It covers the rules failing now ({string.Join(", ", failed.Select(MarkdownText.Escape))}); a new push is evaluated normally."
            : $"Override revoked by @{MarkdownText.Escape(commenter.Login)}; the check shows the evaluated result again.", cancellationToken);
        return new OverrideHandled(true, new DecidedPullRequest(context, decision));
    }

    /// <summary>Why GitHub's copy of the comment no longer carries the delivered command; null when it still does.</summary>
    private static string? NoLongerTheCommand(IssueCommentInfo? current, OverrideCommand delivered, GitHubUser commenter, PullRequestKey key) =>
        current switch
        {
            null => "the comment was deleted before it was processed",
            { IssueNumber: { } number } when number != key.Number => "GitHub holds that comment on another pull request",
            { User.Id: var id } when id != commenter.Id => "GitHub names another author for that comment",
            { Body: var body } when OverrideCommand.Parse(body) != delivered => "the comment was edited before it was processed and its first line is no longer that command",
            _ => null,
        };

    /// <summary>policy.md §7: the head the approver saw is the head when the comment was created. The bot's own record tells it:
    /// the head of its newest decision recorded before that time. When that is not the head now (or the bot had decided
    /// nothing yet), the approver may have seen something else, and the command is refused: commenting again is cheap,
    /// an exception for a head nobody saw is not.</summary>
    private async Task<string?> HeadChangedAsync(PullRequestKey key, DateTimeOffset createdAt, string headSha, CancellationToken cancellationToken)
    {
        var known = await decisions.LatestAtAsync(key.Repository, key.Number, createdAt, cancellationToken);
        if (known is null)
            return $"the bot had not yet evaluated this pull request when the comment was written, so it cannot tell which head was seen; comment again to act on head {Short(headSha)}";
        return known.Record.HeadSha == headSha
            ? null
            : $"the pull request's head changed after the comment was written (head {Short(known.Record.HeadSha)} then, {Short(headSha)} now); comment again to act on the current head";
    }

    private static Task ReplyRefusedAsync(IGitHubInstallationClient client, PullRequestKey key, string verb, string reason, CancellationToken cancellationToken) =>
        client.CreateIssueCommentAsync(key.Owner, key.Repo, key.Number,
            $"`/ai-compliance {verb}` was refused and changed nothing: {MarkdownText.Escape(reason)}.", cancellationToken);

    private static string Short(string sha) => sha[..Math.Min(7, sha.Length)];
}

/// <summary>What a comment asks of the worker: whether to evaluate the pull request again, and the decision already made
/// for it from GitHub's current state (null when none was made while handling the comment).</summary>
public sealed record OverrideHandled(bool Evaluate, DecidedPullRequest? Decided)
{
    public static OverrideHandled Nothing { get; } = new(false, null);

    public static OverrideHandled Again { get; } = new(true, null);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class OverrideJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
