using Bot.Core.Model;
using Bot.Evidence.CheckRuns;
using Bot.Evidence.Decisions;
using Bot.Serve.Processing;
using Bot.Tests.Reconciliation;

namespace Bot.Tests.Serve;

/// <summary>policy.md §8 "Stale check runs", rule by rule: which open pull requests the sweep evaluates again, judged from
/// the check-run cache, the last decision and the pull request as listed.</summary>
public sealed class StaleCheckTests
{
    private const string Repo = "octo/app";
    private const string Head = "1111111111111111111111111111111111111111";
    private const string Body = "- [x] This change does not include AI-assisted code";
    private static readonly DateTimeOffset Decided = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static PullRequestInfo PullRequest(string? body = Body, string baseRef = "main") =>
        new(7, "A change", new GitHubUser(1, "alice"), body, false, baseRef, Head);

    private static StoredDecision Decision(string conclusion = "pending", int number = 7) =>
        new(12, "hash", ReconcileScenario.Decision(Repo, number, Head, "main", Body, conclusion, Decided));

    private static CheckRunEntry Run(string status = "in_progress", string? conclusion = null, DateTimeOffset? updatedAt = null) =>
        new(Repo, Head, 99, status, conclusion, "t", null, updatedAt ?? Decided.AddSeconds(-1));

    private static Staleness Judge(PullRequestInfo pr, DateTimeOffset updatedAt, CheckRunEntry? run, StoredDecision? decision) =>
        StaleCheck.Judge(pr, updatedAt, run, decision).Staleness;

    private static readonly DateTimeOffset LongBefore = Decided.AddHours(-1);

    [Test]
    public void A_pending_check_that_shows_its_decision_on_an_unchanged_pull_request_is_left_alone() =>
        Assert.That(Judge(PullRequest(), LongBefore, Run(), Decision()), Is.EqualTo(Staleness.Fresh));

    [Test]
    public void A_head_without_a_check_run_of_ours_is_stale() =>
        Assert.That(Judge(PullRequest(), LongBefore, null, Decision()), Is.EqualTo(Staleness.Stale));

    [Test]
    public void A_head_without_a_decision_of_this_pull_request_is_stale()
    {
        Assert.That(Judge(PullRequest(), LongBefore, Run(), null), Is.EqualTo(Staleness.Stale));
        Assert.That(Judge(PullRequest(), LongBefore, Run(), Decision(number: 8)), Is.EqualTo(Staleness.Stale), "another pull request's decision on the same head");
    }

    [Test]
    public void A_check_run_written_after_the_last_decision_is_stale() =>
        // What "could not evaluate" leaves behind, or a process killed between posting and recording.
        Assert.That(Judge(PullRequest(), LongBefore, Run("completed", "failure", Decided.AddMinutes(1)), Decision()), Is.EqualTo(Staleness.Stale));

    [TestCase("completed", "success", "pending")]
    [TestCase("in_progress", null, "success")]
    [TestCase("completed", "failure", "success")]
    [TestCase("completed", "success", "failure")]
    public void A_check_run_that_does_not_show_the_last_decision_is_stale(string status, string? conclusion, string decided) =>
        Assert.That(Judge(PullRequest(), LongBefore, Run(status, conclusion), Decision(decided)), Is.EqualTo(Staleness.Stale));

    [TestCase("completed", "success", "success")]
    [TestCase("completed", "failure", "failure")]
    [TestCase("completed", "success", "notInScope")]
    public void A_completed_check_run_that_shows_the_last_decision_is_fresh(string status, string? conclusion, string decided) =>
        Assert.That(Judge(PullRequest(), LongBefore, Run(status, conclusion), Decision(decided)), Is.EqualTo(Staleness.Fresh));

    [Test]
    public void A_description_or_base_changed_since_the_decision_is_stale()
    {
        Assert.That(Judge(PullRequest("- [x] This change includes AI-assisted code"), LongBefore, Run(), Decision()), Is.EqualTo(Staleness.Stale));
        Assert.That(Judge(PullRequest(baseRef: "release/1"), LongBefore, Run(), Decision()), Is.EqualTo(Staleness.Stale));
    }

    [Test]
    public void A_pull_request_GitHub_changed_after_the_decision_has_its_reviews_looked_at()
    {
        Assert.That(Judge(PullRequest(), Decided.AddMinutes(10), Run(), Decision()), Is.EqualTo(Staleness.ReviewsMayHaveChanged));
        // Within the clock margin before the decision too: a review submitted while the evaluation was reading.
        Assert.That(Judge(PullRequest(), Decided.AddMinutes(-1), Run(), Decision()), Is.EqualTo(Staleness.ReviewsMayHaveChanged));
    }

    [Test]
    public void Only_a_review_submitted_after_the_decision_makes_it_stale()
    {
        ReviewInfo Review(DateTimeOffset? at) => new(1, new GitHubUser(2, "bob"), "APPROVED", Head, at);
        Assert.That(StaleCheck.ReviewedAfter([Review(Decided.AddHours(-2)), Review(null)], Decision()), Is.False);
        Assert.That(StaleCheck.ReviewedAfter([Review(Decided.AddHours(-2)), Review(Decided.AddMinutes(3))], Decision()), Is.True);
    }
}
