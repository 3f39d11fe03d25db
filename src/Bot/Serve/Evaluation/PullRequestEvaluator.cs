using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Overrides;
using Bot.Core.Rendering;
using Bot.Evidence.Decisions;
using Bot.Evidence.Health;
using Bot.Evidence.Overrides;
using Bot.Evidence.Chain;
using Bot.GitHub;
using Bot.Serve.Http;
using Bot.Serve.Logging;

namespace Bot.Serve.Evaluation;

/// <summary>The outcome of one evaluation; <see cref="Seq"/> is the evidence record's place in the chain.</summary>
public sealed record EvaluationOutcome(Conclusion? Conclusion, string? HeadSha, long? Seq, string Note);

/// <summary>fetch -> evaluate -> check run + evidence for one pull request, reading its current state from GitHub
/// (the webhook only says which pull request to look at; it may be stale or replayed).</summary>
public sealed class PullRequestEvaluator(
    IInstallationClientFactory github,
    PolicyResolver policies,
    TeamMembershipCache teams,
    HeadInputsCache heads,
    CheckRunPublisher publisher,
    IDecisionLog decisions,
    IOverrideLog overrideLog,
    ServiceHealth health,
    IStoreErrors storeErrors,
    TimeProvider clock,
    ILogger<PullRequestEvaluator> logger,
    ServerFacts server)
{
    // When GitHub is what failed, every failed delivery's report fails too: the stack trace once per kind.
    private readonly FailureStreak _reportFailures = new();

    public async Task<EvaluationOutcome> EvaluateAsync(PullRequestKey key, DeliveryTrigger? trigger, CancellationToken cancellationToken)
    {
        var deliveryId = trigger?.DeliveryId;
        // A process killed after recording a decision but before marking its delivery processed gets that delivery
        // back at start-up: its evaluation is already evidence, and recording it again would count it twice. Only a
        // delivery claimed before can be in that state, so a first attempt skips the lookup.
        if (trigger is { Retried: true } && await decisions.LatestForDeliveryAsync(trigger.DeliveryId, cancellationToken) is { } recorded)
        {
            return new EvaluationOutcome(ConclusionWords.TryParse(recorded.Record.Conclusion, out var conclusion) ? conclusion : null,
                recorded.Record.HeadSha, recorded.Seq, $"delivery {deliveryId} was already evaluated and recorded (seq {recorded.Seq})");
        }

        var client = github.ForInstallation(key.InstallationId);
        EvaluationContext context;
        Decision evaluated;
        if (trigger?.Decided is { } decided && decided.Context.Key == key)
        {
            // The delivery's handler has just read and decided this pull request (to judge an override command): that decision,
            // with the override now recorded applied below, is this evaluation; reading and deciding again would be the same work.
            (context, evaluated) = (decided.Context, decided.Decision);
            if (IsClosed(key, context.PullRequest) is { } closed)
                return closed;
        }
        else
        {
            var first = await client.GetPullRequestAsync(key.Owner, key.Repo, key.Number, cancellationToken);
            if (IsClosed(key, first) is { } closed)
                return closed;
            (context, evaluated) = await DecideAsync(key, deliveryId, cancellationToken, first);
        }
        // The head may have moved while reading (policy.md §1): the decision is for the head its inputs were read at.
        var pullRequest = context.PullRequest;

        // policy.md §7: an approved exception recorded for this very head turns its failure into success, for the rules
        // that were failing when it was approved.
        var active = await overrideLog.ActiveAsync(key.Repository, key.Number, pullRequest.HeadSha, cancellationToken);
        var decision = OverrideApplier.Apply(evaluated, pullRequest.HeadSha, active is null ? null
            : new ApprovedOverride(active.Record.HeadSha, active.Record.ApproverId, active.Record.ApproverLogin, active.Record.RecordedAt, active.Record.Reason,
                active.Record.FailedRules));

        var decisionJson = DecisionJson.Serialize(decision);
        var text = CheckRunRenderer.Render(decision);
        var checkRunId = await publisher.PublishAsync(client, key, pullRequest.HeadSha, decision.Conclusion, text,
            DecisionRecordFactory.ExternalId(decisionJson), cancellationToken);

        AppendedRecord appended;
        try
        {
            appended = await decisions.AppendAsync(
                DecisionRecordFactory.Create(context, decision, decisionJson, checkRunId, clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception e) when (storeErrors.IsStoreError(e) || e is IOException)
        {
            // Disk full, database locked: the delivery is retried from the inbox; /readyz says why decisions wait.
            health.WriteFailed($"{e.GetType().Name}: {e.Message}", clock.GetUtcNow());
            throw;
        }
        health.WriteSucceeded();
        logger.LogInformation("Evaluated {PullRequest} at {HeadSha}: {Conclusion} (evidence seq {Seq}, delivery {DeliveryId})",
            key.ToString(), pullRequest.HeadSha, decision.Conclusion, appended.Seq, deliveryId);
        return new EvaluationOutcome(decision.Conclusion, pullRequest.HeadSha, appended.Seq, decision.Title);
    }

    private static EvaluationOutcome? IsClosed(PullRequestKey key, PullRequestInfo pullRequest) =>
        string.Equals(pullRequest.State, "open", StringComparison.OrdinalIgnoreCase)
            ? null
            : new EvaluationOutcome(null, pullRequest.HeadSha, null, $"{key} is {pullRequest.State}; closed pull requests are not evaluated");

    /// <summary>Reads the pull request's current state from GitHub and evaluates it, with no override applied and nothing
    /// posted or recorded. For a closed pull request the decision is not meaningful; callers check the state.</summary>
    /// <param name="alreadyRead">The pull request when the caller has just read it, so it is not read twice.</param>
    public async Task<(EvaluationContext Context, Decision Decision)> DecideAsync(PullRequestKey key, string? deliveryId,
        CancellationToken cancellationToken, PullRequestInfo? alreadyRead = null)
    {
        var client = github.ForInstallation(key.InstallationId);
        var first = alreadyRead ?? await client.GetPullRequestAsync(key.Owner, key.Repo, key.Number, cancellationToken);

        // Independent reads run in parallel; any failure fails the whole evaluation (never a partial success).
        var read = PullRequestReader.ReadAsync(client, key, first, heads, logger, cancellationToken);
        // The pull request names its base repository's default branch; older GitHub versions may not, hence the fallback.
        var defaultBranch = first.BaseDefaultBranch is { } known
            ? Task.FromResult(known)
            : DefaultBranchAsync(client, key, cancellationToken);
        var policy = policies.ResolveAsync(client, key.Owner, key.Repo, first.BaseRef, cancellationToken);
        await Task.WhenAll(read, defaultBranch, policy);

        var (pullRequest, commits, reviews, files) = await read;
        var resolved = pullRequest.BaseRef == first.BaseRef
            ? await policy
            : await policies.ResolveAsync(client, key.Owner, key.Repo, pullRequest.BaseRef, cancellationToken); // retargeted while reading
        Decision decision;
        if (resolved.Policy is null)
        {
            decision = Evaluator.PolicyInvalid(resolved.Error ?? "the policy file could not be read");
        }
        else
        {
            var input = new EvaluationInput(pullRequest, commits, reviews, files, resolved.Policy, await defaultBranch);
            // review.sensitive_approvers: the evaluator says which team memberships it needs; GitHub answers them.
            var members = await teams.ActiveAsync(client, Evaluator.TeamMembershipQuestions(input, server), cancellationToken);
            decision = Evaluator.Evaluate(input with { ActiveTeamMembers = members }, server);
        }
        return (new EvaluationContext(key, pullRequest, resolved, deliveryId), decision);
    }

    private static async Task<string> DefaultBranchAsync(Bot.GitHub.Rest.IGitHubInstallationClient client, PullRequestKey key, CancellationToken cancellationToken) =>
        (await client.GetRepositoryAsync(key.Owner, key.Repo, cancellationToken)).DefaultBranch;

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
            _reportFailures.End(out _, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(_reportFailures.StackTraceOnce(e), "Could not report the failed evaluation of {PullRequest} on GitHub: {Reason}",
                key.ToString(), FailureStreak.Reason(e));
        }
    }
}
