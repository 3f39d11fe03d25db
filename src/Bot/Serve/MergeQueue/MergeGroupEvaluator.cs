using Bot.Core.MergeQueue;
using Bot.Core.Model;
using Bot.Core.Rendering;
using Bot.Evidence.Health;
using Bot.Evidence.Inbox;
using Bot.Evidence.MergeGroups;
using Bot.GitHub;
using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;
using Bot.Serve.Processing;
using Microsoft.Extensions.Options;

namespace Bot.Serve.MergeQueue;

/// <summary><c>merge_group</c> <c>checks_requested</c> (policy.md §9): judges the group from the decisions already in the
/// evidence store, posts the check run on the group's head commit, and records the decision in the merge group chain.
/// GitHub is read only for what the store does not hold: the group's commits, and which pull requests hold a commit the
/// store cannot place.</summary>
public sealed class MergeGroupEvaluator(
    IInstallationClientFactory github,
    MergeGroupFacts facts,
    CheckRunPublisher publisher,
    IMergeGroupLog mergeGroups,
    IStoreErrors storeErrors,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<MergeGroupEvaluator> logger)
{
    /// <summary>Decides a <c>merge_group</c> <c>checks_requested</c> of the repository <paramref name="key"/> names. A failure is
    /// thrown so that the delivery is retried; after the last attempt the group's check run says the bot could not decide.</summary>
    public async Task HandleAsync(MergeGroupEvent queued, PullRequestKey key, ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var repository = key.Repository;
        var group = queued.MergeGroup;

        // A process killed after recording but before marking the delivery processed gets it back: it is decided already.
        if (delivery.Attempts > 1 && await mergeGroups.LatestForDeliveryAsync(delivery.DeliveryId, cancellationToken) is { } recorded)
        {
            logger.LogInformation("Merge group {HeadSha} of {Repository}: delivery {DeliveryId} was already decided (seq {Seq})",
                group.HeadSha, repository, delivery.DeliveryId, recorded.Seq);
            return;
        }

        try
        {
            await EvaluateAsync(key, group, delivery.DeliveryId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && !storeErrors.IsUnavailable(e) && delivery.Attempts >= options.Value.MaxAttempts)
        {
            await ReportUnableToEvaluateAsync(key, group.HeadSha, $"{e.GetType().Name}: {e.Message}", cancellationToken);
            throw;
        }
    }

    private async Task EvaluateAsync(PullRequestKey key, WebhookMergeGroup group, string deliveryId, CancellationToken cancellationToken)
    {
        var client = github.ForInstallation(key.InstallationId);
        var decision = MergeGroupJudge.Judge(await facts.GatherAsync(client, key, group, cancellationToken));
        var decisionJson = MergeGroupJson.Serialize(decision);
        var checkRunId = await publisher.PublishAsync(client, key, group.HeadSha, decision.Conclusion, MergeGroupRenderer.Render(decision),
            DecisionRecordFactory.ExternalId(decisionJson), cancellationToken);
        var appended = await mergeGroups.AppendAsync(new MergeGroupRecord
        {
            RecordedAt = clock.GetUtcNow(),
            InstallationId = key.InstallationId,
            Repository = key.Repository,
            BaseRef = group.BaseBranch,
            BaseSha = group.CompareBase,
            HeadRef = group.HeadRef,
            HeadSha = group.HeadSha,
            DeliveryId = deliveryId,
            BotVersion = DecisionRecordFactory.BotVersion,
            Conclusion = decision.Conclusion == Conclusion.Failure ? "failure" : "success",
            Title = decision.Title,
            DecisionJson = decisionJson,
            CheckRunId = checkRunId,
        }, cancellationToken);
        logger.LogInformation("Merge group {HeadSha} of {Repository} ({PullRequests}): {Conclusion} (merge group evidence seq {Seq}, delivery {DeliveryId})",
            group.HeadSha, key.Repository, string.Join(", ", decision.PullRequests.Select(p => $"#{p.Number}")), decision.Conclusion, appended.Seq, deliveryId);
    }

    /// <summary>Best effort, like the pull request's: when GitHub itself is what failed, this fails too and the queue drops
    /// the group once its check times out. Never <c>success</c>.</summary>
    private async Task ReportUnableToEvaluateAsync(PullRequestKey key, string headSha, string reason, CancellationToken cancellationToken)
    {
        try
        {
            var text = new CheckRunText("Could not evaluate this merge group",
                $"The bot could not evaluate this merge group after repeated attempts, so it cannot vouch for it.\n\nLast error: {MarkdownText.Escape(reason)}\n\nQueue the pull requests again once the cause is fixed.");
            await publisher.PublishAsync(github.ForInstallation(key.InstallationId), key, headSha, Conclusion.Failure, text, "unable-to-evaluate", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not report the failed evaluation of merge group {HeadSha} of {Repository} on GitHub", headSha, key.Repository);
        }
    }
}
