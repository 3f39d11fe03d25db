using Bot.FakeGitHub;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

public class ListingTests
{
    private static readonly FakeUser Alice = new(101, "alice");

    [Test]
    public async Task Installation_repositories_are_read_over_all_pages()
    {
        await using var context = await GitHubTestContext.StartAsync();
        for (var i = 0; i < 120; i++)
        {
            context.Fake.AddRepository($"octo/repo{i:D3}", defaultBranch: i % 2 == 0 ? "main" : "master");
        }

        context.Fake.AddRepository("elsewhere/x", installationId: 9);

        var repos = await context.Client.ListInstallationRepositoriesAsync();

        Assert.That(repos, Has.Count.EqualTo(120));
        Assert.That(repos[1].DefaultBranch, Is.EqualTo("master"));
        Assert.That(repos.Select(r => r.FullName), Does.Not.Contain("elsewhere/x"));
        Assert.That(context.Fake.Calls.For("GET /installation/repositories"), Is.EqualTo(2));
    }

    [Test]
    public async Task Open_pull_requests_exclude_closed_ones()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.AddPullRequest("octo/app", 1, Alice, "a");
        var closed = context.Fake.AddPullRequest("octo/app", 2, Alice, "b");
        context.Fake.SetState(closed, "closed", merged: true);
        context.Fake.AddPullRequest("octo/app", 3, Alice, "c");

        var open = await context.Client.ListOpenPullRequestsAsync("octo", "app");

        Assert.That(open.Select(p => p.Number), Is.EquivalentTo(new[] { 1, 3 }));
        Assert.That(context.Fake.Calls.Requests.Single(r => r.Route == "GET /repos/{owner}/{repo}/pulls").Query, Does.Contain("state=open"));
    }

    [Test]
    public async Task Compare_collects_commits_over_pages_oldest_first_and_files_from_page_one()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var pr = context.Fake.AddPullRequest("octo/app", 1, Alice, "s149");
        var commits = Enumerable.Range(0, 150).Select(i => context.Fake.AddCommit(pr, $"s{i}", $"m{i}", Alice)).ToList();
        context.Fake.SetCompare("octo/app", "before", "release/2", "ahead", commits, [new FakeFile("a.txt", "added")]);

        var result = await context.Client.CompareAsync("octo", "app", "before", "release/2");

        Assert.That(result.Status, Is.EqualTo("ahead"));
        Assert.That(result.TotalCommits, Is.EqualTo(150));
        Assert.That(result.Commits.Select(c => c.Sha), Is.EqualTo(commits.Select(c => c.Sha)));
        Assert.That(result.Files, Is.EqualTo(new[] { new Bot.Core.Model.ChangedFile("a.txt", "added") }));
        Assert.That(context.Fake.Calls.For("GET /repos/{owner}/{repo}/compare/{**basehead}"), Is.EqualTo(2));
    }

    [Test]
    public async Task Pull_requests_for_a_commit_are_found()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var pr = context.Fake.AddPullRequest("octo/app", 5, Alice, "head5");
        context.Fake.AddCommit(pr, "inner", "m", Alice);
        context.Fake.AddPullRequest("octo/app", 6, Alice, "head6");

        var prs = await context.Client.ListPullRequestsForCommitAsync("octo", "app", "inner");

        Assert.That(prs.Select(p => p.Number), Is.EqualTo(new[] { 5 }));
    }
}
