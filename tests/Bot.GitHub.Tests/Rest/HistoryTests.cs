using Bot.FakeGitHub;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

/// <summary>The reads that find the commits a merge landed: a pull request's merge, single commits with their parents,
/// and the history listing, read only as far as the caller goes.</summary>
public class HistoryTests
{
    private const string History = "GET /repos/{owner}/{repo}/commits";
    private static readonly FakeUser Alice = new(101, "alice");
    private static readonly FakeUser Carol = new(103, "carol");

    [Test]
    public async Task A_merged_pull_request_reports_its_merge_commit_time_and_merger()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.AddBranchCommit("octo/app", "main", "root", "Initial\n", Alice);
        var pr = context.Fake.AddPullRequest("octo/app", 4, Alice, "h1", title: "Parse");
        context.Fake.AddPullRequestCommit(pr, "h1", "Parse\n", Alice);
        var mergedAt = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var landing = context.Fake.Merge(pr, FakeMergeMethod.Merge, Carol, mergedAt);

        var merge = await context.Client.GetPullRequestMergeAsync("octo", "app", 4);

        Assert.That(merge, Is.EqualTo(new Bot.GitHub.Rest.PullRequestMerge(4, "Parse", new(101, "alice"), "main", "h1", true, mergedAt,
            new(103, "carol"), landing.After)));
    }

    [Test]
    public async Task A_commit_comes_with_its_parents_first_parent_first()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.AddBranchCommit("octo/app", "main", "root", "Initial\n", Alice);
        var pr = context.Fake.AddPullRequest("octo/app", 4, Alice, "h1");
        context.Fake.AddPullRequestCommit(pr, "h1", "Parse\n", Alice);
        context.Fake.AddBranchCommit("octo/app", "main", "m2", "Meanwhile on main\n", Alice);
        var landing = context.Fake.Merge(pr, FakeMergeMethod.Merge, Carol, DateTimeOffset.UtcNow);

        var merge = await context.Client.GetCommitAsync("octo", "app", landing.After);

        Assert.That(merge.Parents, Is.EqualTo(new[] { "m2", "h1" }));
        Assert.That(merge.Commit.IsMerge, Is.True);
        Assert.That(merge.Commit.CommitterUser?.Id, Is.EqualTo(FakeGitHubServer.WebFlow.Id));
    }

    [Test]
    public async Task History_is_newest_first_and_pages_are_read_only_as_far_as_enumerated()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        for (var i = 0; i < 250; i++)
            context.Fake.AddBranchCommit("octo/app", "main", $"c{i:D3}", $"m{i}\n", Alice);

        var firstFive = new List<string>();
        await foreach (var commit in context.Client.ListHistoryAsync("octo", "app", "c200"))
        {
            firstFive.Add(commit.Sha);
            Assert.That(commit.Parents, Is.EqualTo(new[] { $"c{int.Parse(commit.Sha[1..], System.Globalization.CultureInfo.InvariantCulture) - 1:D3}" }));
            if (firstFive.Count == 5)
                break;
        }

        Assert.That(firstFive, Is.EqualTo(new[] { "c200", "c199", "c198", "c197", "c196" }));
        Assert.That(context.Fake.Calls.For(History), Is.EqualTo(1), "one page of 100 holds the first five");
        Assert.That(context.Fake.Calls.Requests.Single(r => r.Route == History).Query, Does.Contain("sha=c200"));

        var all = new List<string>();
        await foreach (var commit in context.Client.ListHistoryAsync("octo", "app", "main"))
            all.Add(commit.Sha);
        Assert.That(all, Has.Count.EqualTo(250));
        Assert.That(context.Fake.Calls.For(History), Is.EqualTo(1 + 3));
    }
}
