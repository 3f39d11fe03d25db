using Bot.Core.Model;

namespace Bot.Core.Evaluation.Rules;

/// <summary>Qualifying approvals (policy.md §3): each reviewer's latest decisive review, judged against the
/// four conditions. Every assessment carries the reason a developer reads in the check run.</summary>
internal static class ApprovalAssessor
{
    private const string Approved = "APPROVED";
    private const string ChangesRequested = "CHANGES_REQUESTED";
    private const string Dismissed = "DISMISSED";

    /// <summary>Ordered by review id (GitHub assigns them in submission order).</summary>
    public static IReadOnlyList<ApprovalAssessment> Assess(EvaluationFacts facts, Contributors contributors)
    {
        var latestByUser = new Dictionary<long, ReviewInfo>();
        var withoutUser = new List<ReviewInfo>();
        foreach (var review in facts.Input.Reviews)
        {
            if (!IsDecisive(review.State))
                continue;
            if (review.User is null)
                withoutUser.Add(review);
            else if (!latestByUser.TryGetValue(review.User.Id, out var current) || IsLater(review, current))
                latestByUser[review.User.Id] = review;
        }

        return latestByUser.Values.Concat(withoutUser)
            .OrderBy(r => r.Id)
            .Select(r => Assess(r, facts, contributors))
            .ToList();
    }

    private static ApprovalAssessment Assess(ReviewInfo review, EvaluationFacts facts, Contributors contributors)
    {
        var state = review.State.ToUpperInvariant();
        var reasons = state switch
        {
            Approved => ReasonsAgainstApproval(review, facts, contributors),
            ChangesRequested => ["changes requested"],
            _ => new List<string> { "review dismissed" },
        };
        return new ApprovalAssessment(
            review.Id, review.User?.Id, review.User?.Login, state, review.CommitId, review.SubmittedAt,
            reasons.Count == 0, reasons.Count == 0 ? "qualifies" : string.Join("; ", reasons));
    }

    private static List<string> ReasonsAgainstApproval(ReviewInfo review, EvaluationFacts facts, Contributors contributors)
    {
        var reasons = new List<string>();
        var head = facts.Input.PullRequest.HeadSha;
        if (facts.Policy.Review.DismissStaleApprovals &&
            !string.Equals(review.CommitId, head, StringComparison.OrdinalIgnoreCase))
            reasons.Add($"stale: approved {Wording.ShortSha(review.CommitId)}, head is {Wording.ShortSha(head)}");
        if (review.User is null)
        {
            reasons.Add("reviewer's account no longer exists");
            return reasons;
        }
        if (review.User.IsBot)
            reasons.Add("reviewer is a bot");
        reasons.AddRange(contributors.ReasonsAgainst(review.User));
        return reasons;
    }

    // A COMMENTED (or PENDING) review leaves the reviewer's earlier verdict standing.
    private static bool IsDecisive(string state) =>
        string.Equals(state, Approved, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(state, ChangesRequested, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(state, Dismissed, StringComparison.OrdinalIgnoreCase);

    // The API lists reviews chronologically; submitted_at only overrides that order when both times are known.
    private static bool IsLater(ReviewInfo candidate, ReviewInfo current) =>
        candidate.SubmittedAt is not { } c || current.SubmittedAt is not { } p || c >= p;
}
