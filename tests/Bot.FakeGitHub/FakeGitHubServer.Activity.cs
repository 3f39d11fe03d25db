namespace Bot.FakeGitHub;

/// <summary>What happened to pull requests while the bot was not looking, for the stale-check sweep: reviews at a given time,
/// changes that only move <c>updated_at</c>, and check runs left by an earlier run of the bot.</summary>
public sealed partial class FakeGitHubServer
{
    /// <summary>A review submitted at <paramref name="submittedAt"/> (<see cref="AddReview"/> dates reviews in 2024); the
    /// pull request's <c>updated_at</c> moves with it, as on GitHub.</summary>
    public FakeReview AddReviewAt(FakePullRequest pr, FakeUser user, string state, DateTimeOffset submittedAt)
    {
        lock (_gate)
        {
            var review = AddReview(pr, user, state) with { SubmittedAt = submittedAt };
            pr.Reviews[^1] = review;
            return review;
        }
    }

    /// <summary>Sets when GitHub last changed the pull request (its <c>updated_at</c>, unless a later review moves it).</summary>
    public void SetUpdatedAt(FakePullRequest pr, DateTimeOffset at)
    {
        lock (_gate)
        {
            pr.Touch(at);
        }
    }

    /// <summary>A check run of this App that exists on GitHub already (posted by an earlier run of the bot).</summary>
    public FakeCheckRun AddCheckRun(string repo, string headSha, string name, string status, string? conclusion = null, string? title = null)
    {
        lock (_gate)
        {
            var run = new FakeCheckRun(++_nextId, name, headSha, status, conclusion, null, null, title, null, null,
                long.Parse(AppId, System.Globalization.CultureInfo.InvariantCulture), null, null, 0);
            Repo(repo).CheckRuns.Add(run);
            return run;
        }
    }
}
