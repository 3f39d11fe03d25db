using System.Collections.Frozen;
using Bot.GitHub.Webhooks.Payloads;

namespace Bot.GitHub.Webhooks;

/// <summary>Decides which deliveries the bot acts on; everything else is acknowledged and ignored with a reason.</summary>
public static class WebhookRouting
{
    /// <summary>Event -> actions acted on; a null set means every delivery of that event (push has no action).</summary>
    public static FrozenDictionary<string, FrozenSet<string>?> ActedOn { get; } = new Dictionary<string, FrozenSet<string>?>
    {
        [WebhookEventNames.PullRequest] = Actions("opened", "reopened", "synchronize", "edited", "ready_for_review", "converted_to_draft", "closed"),
        [WebhookEventNames.PullRequestReview] = Actions("submitted", "edited", "dismissed"),
        [WebhookEventNames.CheckRun] = Actions("rerequested"),
        [WebhookEventNames.CheckSuite] = Actions("requested", "rerequested"),
        [WebhookEventNames.Installation] = Actions("created", "deleted", "suspend", "unsuspend"),
        [WebhookEventNames.InstallationRepositories] = Actions("added"),
        [WebhookEventNames.Push] = null,
        [WebhookEventNames.IssueComment] = Actions("created", "edited"),
        // destroyed (merged, invalidated, dequeued) needs no check run: it is kept in the inbox as ignored, nothing more.
        [WebhookEventNames.MergeGroup] = Actions("checks_requested"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether a delivery only says "evaluate this pull request": then its route is all the work needs, and the
    /// rest of its body is never read (the evaluation reads the pull request from GitHub). A closed pull request is not:
    /// its merge joins the change population from the payload.</summary>
    public static bool IsRouteOnly(string eventName, string? action) =>
        eventName == WebhookEventNames.PullRequestReview || (eventName == WebhookEventNames.PullRequest && action != "closed");

    public static RouteDecision Classify(WebhookEvent payload) =>
        Decide(Identify(payload), payload is IssueCommentEvent { Issue.IsPullRequest: false } comment ? comment.Issue.Number : null);

    /// <summary>Acts or not on a delivery whose identity fields are filled; <paramref name="onIssue"/> is the number of the
    /// plain issue (not a pull request) an issue_comment is on.</summary>
    public static RouteDecision Decide(RouteDecision decision, int? onIssue = null)
    {
        var name = decision.EventName;
        var action = decision.Action;

        if (!ActedOn.TryGetValue(name, out var actions))
        {
            return decision with { Act = false, Reason = $"event {name} is not acted on" };
        }

        if (actions is not null)
        {
            if (action is null)
            {
                return decision with { Act = false, Reason = $"{name} delivery has no action" };
            }

            if (!actions.Contains(action))
            {
                return decision with { Act = false, Reason = $"{name} action {action} is not acted on" };
            }
        }

        var what = action is null ? name : $"{name} {action}";
        if (decision.InstallationId is null)
        {
            return decision with { Act = false, Reason = $"{what} has no installation id, so there is no installation to act through" };
        }

        if (onIssue is { } issue)
        {
            return decision with { Act = false, Reason = $"{what} is on issue #{issue}, not a pull request" };
        }

        return decision with { Act = true, Reason = $"{what} is acted on" };
    }

    private static RouteDecision Identify(WebhookEvent payload)
    {
        var common = new RouteDecision
        {
            Act = false,
            Reason = "",
            EventName = payload.EventName,
            Action = payload.Action,
            InstallationId = payload.Installation?.Id,
            Repository = payload.Repository?.FullName,
        };

        return payload switch
        {
            PullRequestEvent e => common with { PullRequestNumber = e.Number, HeadSha = e.PullRequest.Head.Sha },
            PullRequestReviewEvent e => common with { PullRequestNumber = e.PullRequest.Number, HeadSha = e.PullRequest.Head.Sha },
            PushEvent e => common with { HeadSha = e.Deleted ? null : e.After },
            CheckRunEvent e => common with { PullRequestNumber = SingleNumber(e.CheckRun.PullRequests), HeadSha = e.CheckRun.HeadSha },
            CheckSuiteEvent e => common with { PullRequestNumber = SingleNumber(e.CheckSuite.PullRequests), HeadSha = e.CheckSuite.HeadSha },
            IssueCommentEvent e => common with { PullRequestNumber = e.Issue.IsPullRequest ? e.Issue.Number : null },
            MergeGroupEvent e => common with { HeadSha = e.MergeGroup.HeadSha },
            _ => common,
        };
    }

    // A commit can back several PRs; then (or with none, e.g. forks) the head SHA is the key and the service
    // looks the PRs up via REST.
    private static int? SingleNumber(IReadOnlyList<WebhookLinkedPullRequest> pullRequests) =>
        pullRequests.Count == 1 ? pullRequests[0].Number : null;

    private static FrozenSet<string> Actions(params string[] actions) => actions.ToFrozenSet(StringComparer.Ordinal);
}
