using Bot.Core.Model;
using Bot.Evidence.CheckRuns;
using Bot.Evidence.Decisions;
using Bot.Serve.Evaluation;

namespace Bot.Serve.Processing;

/// <summary>Whether an open pull request's check run still shows a decision on what the pull request is now.</summary>
public enum Staleness
{
    /// <summary>The check run shows the last decision, and nothing it depends on changed since.</summary>
    Fresh,

    /// <summary>Evaluate again.</summary>
    Stale,

    /// <summary>GitHub changed the pull request after the last decision: read its reviews to know whether that matters.</summary>
    ReviewsMayHaveChanged,
}

/// <summary>policy.md §8 "Stale check runs", judged from what the bot already knows (its check-run cache and its decisions)
/// and the pull request as the list endpoint shows it, without any further call to GitHub.</summary>
public static class StaleCheck
{
    /// <summary>GitHub's clock and ours differ, and a review submitted while an evaluation was reading is older than the
    /// decision that missed it: a change this close to a decision is looked at again.</summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(5);

    public static (Staleness Staleness, string Why) Judge(PullRequestInfo pullRequest, DateTimeOffset updatedAt, CheckRunEntry? run, StoredDecision? decision)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        if (run is null)
            return (Staleness.Stale, "no check run of ours on the head");
        if (decision is null || decision.Record.PullRequestNumber != pullRequest.Number)
            return (Staleness.Stale, "no decision recorded for the head");
        if (run.UpdatedAt > decision.Record.RecordedAt)
            return (Staleness.Stale, "the check run was written after the last decision (an evaluation that did not finish)");
        if (!ConclusionWords.TryParse(decision.Record.Conclusion, out var conclusion) ||
            CheckRunPublisher.CheckRunState(conclusion) != (run.Status, run.Conclusion))
            return (Staleness.Stale, $"the check run ({run.Status} {run.Conclusion}) does not show the last decision ({decision.Record.Conclusion})");
        if (!string.Equals(DecisionRecordFactory.BodySha256(pullRequest.Body), decision.Record.BodySha256, StringComparison.Ordinal))
            return (Staleness.Stale, "the description changed after the last decision");
        if (!string.Equals(pullRequest.BaseRef, decision.Record.BaseRef, StringComparison.Ordinal))
            return (Staleness.Stale, "the base branch changed after the last decision");
        if (updatedAt > decision.Record.RecordedAt - ClockMargin)
            return (Staleness.ReviewsMayHaveChanged, "updated after the last decision");
        return (Staleness.Fresh, "");
    }

    /// <summary>A review submitted after the decision (by the same margin) makes it stale.</summary>
    public static bool ReviewedAfter(IEnumerable<ReviewInfo> reviews, StoredDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return reviews.Any(r => r.SubmittedAt > decision.Record.RecordedAt - ClockMargin);
    }
}
