using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Rendering;
using Bot.Evidence;
using Bot.GitHub;

namespace Bot.Serve.Evaluation;

/// <summary>The outcome of one evaluation; <see cref="Seq"/> is the evidence record's place in the chain.</summary>
public sealed record EvaluationOutcome(Conclusion? Conclusion, string? HeadSha, long? Seq, string Note);

/// <summary>fetch -> evaluate -> check run + evidence for one pull request, reading its current state from GitHub
/// (the webhook only says which pull request to look at; it may be stale or replayed).</summary>
public sealed class PullRequestEvaluator(
    GitHubApp github,
    PolicyResolver policies,
    CheckRunPublisher publisher,
    EvidenceStore store,
    TimeProvider clock,
    ILogger<PullRequestEvaluator> logger)
{
    public async Task<EvaluationOutcome> EvaluateAsync(PullRequestKey key, string? deliveryId, CancellationToken cancellationToken)
    {
        var client = github.ForInstallation(key.InstallationId);
        var pullRequest = await client.GetPullRequestAsync(key.Owner, key.Repo, key.Number, cancellationToken);
        if (!string.Equals(pullRequest.State, "open", StringComparison.OrdinalIgnoreCase))
            return new EvaluationOutcome(null, pullRequest.HeadSha, null, $"{key} is {pullRequest.State}; closed pull requests are not evaluated");

        // Independent reads run in parallel; any failure fails the whole evaluation (never a partial success).
        var commits = client.ListPullRequestCommitsAsync(key.Owner, key.Repo, key.Number, cancellationToken);
        var reviews = client.ListPullRequestReviewsAsync(key.Owner, key.Repo, key.Number, cancellationToken);
        var files = client.ListPullRequestFilesAsync(key.Owner, key.Repo, key.Number, cancellationToken);
        var repository = client.GetRepositoryAsync(key.Owner, key.Repo, cancellationToken);
        var policy = policies.ResolveAsync(client, key.Owner, key.Repo, pullRequest.BaseRef, cancellationToken);
        await Task.WhenAll(commits, reviews, files, repository, policy);

        var resolved = await policy;
        var decision = resolved.Policy is null
            ? Evaluator.PolicyInvalid(resolved.Error ?? "the policy file could not be read")
            : Evaluator.Evaluate(new EvaluationInput(pullRequest, await commits, await reviews, await files, resolved.Policy,
                (await repository).DefaultBranch));

        var decisionJson = DecisionJson.Serialize(decision);
        var text = CheckRunRenderer.Render(decision);
        var checkRunId = await publisher.PublishAsync(client, key, pullRequest.HeadSha, decision.Conclusion, text,
            DecisionRecordFactory.ExternalId(decisionJson), cancellationToken);

        var context = new EvaluationContext(key, pullRequest, resolved, deliveryId);
        var appended = await store.AppendDecisionAsync(
            DecisionRecordFactory.Create(context, decision, decisionJson, checkRunId, clock.GetUtcNow()), cancellationToken);
        logger.LogInformation("Evaluated {PullRequest} at {HeadSha}: {Conclusion} (evidence seq {Seq}, delivery {DeliveryId})",
            key.ToString(), pullRequest.HeadSha, decision.Conclusion, appended.Seq, deliveryId);
        return new EvaluationOutcome(decision.Conclusion, pullRequest.HeadSha, appended.Seq, decision.Title);
    }

    /// <summary>After the last attempt failed: say so on the check run of the current head, never with <c>success</c>.
    /// Best effort: when GitHub itself is what failed, this fails too and the required check stays unfinished.</summary>
    public async Task ReportUnableToEvaluateAsync(PullRequestKey key, string reason, CancellationToken cancellationToken)
    {
        try
        {
            var client = github.ForInstallation(key.InstallationId);
            var pullRequest = await client.GetPullRequestAsync(key.Owner, key.Repo, key.Number, cancellationToken);
            var text = new CheckRunText("Could not evaluate this change",
                $"The bot could not evaluate this pull request after repeated attempts, so it cannot vouch for it.\n\nLast error: {MarkdownText.Escape(reason)}\n\nRe-run the check once the cause is fixed.");
            await publisher.PublishAsync(client, key, pullRequest.HeadSha, Conclusion.Failure, text, "unable-to-evaluate", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not report the failed evaluation of {PullRequest} on GitHub", key.ToString());
        }
    }
}
