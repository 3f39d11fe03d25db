using Bot.FakeGitHub;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

/// <summary>The reads the stale-check sweep and the population reconciliation make: open pull requests newest-updated
/// first down to a time, branches with their tips, repositories' pushed_at and commits' committer dates. (A merged pull
/// request is read as <c>HistoryTests</c> shows, as for its delivery.)</summary>
public class HistoryListingTests
{
    private static readonly FakeUser Alice = new(101, "alice");
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Open_pull_requests_are_read_newest_updated_first_and_paging_stops_at_the_given_time()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        for (var n = 1; n <= 250; n++)
        {
            context.Fake.SetUpdatedAt(context.Fake.AddPullRequest("octo/app", n, Alice, $"head{n}"), Start.AddMinutes(n));
        }
        const string route = "GET /repos/{owner}/{repo}/pulls";

        var all = await context.Client.ListOpenPullRequestsUpdatedSinceAsync("octo", "app", null);
        Assert.That(all.Select(a => a.PullRequest.Number), Is.EqualTo(Enumerable.Range(1, 250).Reverse()));
        Assert.That(all[0].UpdatedAt, Is.EqualTo(Start.AddMinutes(250)));
        Assert.That(context.Fake.Calls.For(route), Is.EqualTo(3));
        Assert.That(context.Fake.Calls.Requests.First(r => r.Route == route).Query, Does.Contain("sort=updated").And.Contain("direction=desc"));

        context.Fake.Calls.Reset();
        var recent = await context.Client.ListOpenPullRequestsUpdatedSinceAsync("octo", "app", Start.AddMinutes(230));
        Assert.That(recent.Select(a => a.PullRequest.Number), Is.EqualTo(Enumerable.Range(230, 21).Reverse()), "updated at or after the time");
        Assert.That(context.Fake.Calls.For(route), Is.EqualTo(1), "the first page reaches older ones, so no further page is read");
        Assert.That(context.Fake.Calls.NotModified, Is.EqualTo(1), "and it was unchanged since the first read: a 304");
    }

    [Test]
    public async Task Branches_are_listed_with_their_tips_and_repositories_with_pushed_at()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.AddBranchCommit("octo/app", "main", new string('1', 40), "first\n", Alice, at: Start);
        context.Fake.AddBranchCommit("octo/app", "release/1", new string('2', 40), "second\n", Alice, at: Start.AddHours(1));

        var branches = await context.Client.ListBranchesAsync("octo", "app");
        var repository = (await context.Client.ListInstallationRepositoriesAsync()).Single();

        Assert.That(branches.Select(b => (b.Name, b.TipSha)), Is.EqualTo(new[] { ("main", new string('1', 40)), ("release/1", new string('2', 40)) }));
        Assert.That(repository.PushedAt, Is.EqualTo(Start.AddHours(1)));
    }

    [Test]
    public async Task Commits_from_compare_carry_their_committer_date()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.AddBranchCommit("octo/app", "main", new string('1', 40), "first\n", Alice, at: Start);
        context.Fake.AddBranchCommit("octo/app", "main", new string('2', 40), "second\n", Alice, at: Start.AddMinutes(5));

        var compare = await context.Client.CompareAsync("octo", "app", new string('1', 40), "main");

        Assert.That(compare.Status, Is.EqualTo("ahead"));
        Assert.That(compare.Commits.Select(c => (c.Sha, c.CommittedAt)), Is.EqualTo(new[] { (new string('2', 40), (DateTimeOffset?)Start.AddMinutes(5)) }));
    }
}
