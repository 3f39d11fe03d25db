using Bot.FakeGitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

public class PullRequestReadTests
{
    private static readonly FakeUser Alice = new(101, "alice");
    private static readonly FakeUser Bob = new(102, "bob");

    [Test]
    public async Task Pull_request_maps_to_the_model()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app", defaultBranch: "trunk");
        context.Fake.AddPullRequest("octo/app", 7, Alice, headSha: "abc123", body: "- [x] yes", title: "Add feature", draft: true);

        var pr = await context.Client.GetPullRequestAsync("octo", "app", 7);

        Assert.That(pr.Number, Is.EqualTo(7));
        Assert.That(pr.Title, Is.EqualTo("Add feature"));
        Assert.That(pr.Author, Is.EqualTo(new Bot.Core.Model.GitHubUser(101, "alice", "User")));
        Assert.That(pr.Body, Is.EqualTo("- [x] yes"));
        Assert.That(pr.Draft, Is.True);
        Assert.That(pr.BaseRef, Is.EqualTo("trunk"));
        Assert.That(pr.HeadSha, Is.EqualTo("abc123"));
        Assert.That(pr.State, Is.EqualTo("open"));
        Assert.That(pr.Merged, Is.False);
    }

    [Test]
    public async Task Commits_are_read_over_all_pages_of_100()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var pr = context.Fake.AddPullRequest("octo/app", 1, Alice, headSha: "sha249");
        for (var i = 0; i < 250; i++)
        {
            context.Fake.AddCommit(pr, $"sha{i}", $"Commit {i}\n\nAI-Assisted: no", Alice);
        }

        var commits = await context.Client.ListPullRequestCommitsAsync("octo", "app", 1);

        Assert.That(commits.Select(c => c.Sha), Is.EqualTo(Enumerable.Range(0, 250).Select(i => $"sha{i}")));
        var pages = context.Fake.Calls.Requests.Where(r => r.Route == "GET /repos/{owner}/{repo}/pulls/{number}/commits").ToList();
        Assert.That(pages, Has.Count.EqualTo(3));
        Assert.That(pages[0].Query, Does.Contain("per_page=100"));
        Assert.That(pages[2].Query, Does.Contain("page=3"));
    }

    [Test]
    public async Task Commit_users_are_null_when_github_links_no_account()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var pr = context.Fake.AddPullRequest("octo/app", 1, Alice, headSha: "c3");
        context.Fake.AddCommit(pr, "c1", "Linked", Alice, committer: Bob);
        context.Fake.AddCommit(pr, "c2", "Unlinked author", author: null, authorName: "Ghost Writer", authorEmail: "ghost@example.com");
        context.Fake.AddCommit(pr, "c3", "Merge main", Alice, committer: FakeUser.Unlinked, parentCount: 2);

        var commits = await context.Client.ListPullRequestCommitsAsync("octo", "app", 1);

        Assert.That(commits[0].AuthorUser, Is.EqualTo(new Bot.Core.Model.GitHubUser(101, "alice")));
        Assert.That(commits[0].CommitterUser, Is.EqualTo(new Bot.Core.Model.GitHubUser(102, "bob")));
        Assert.That(commits[1].AuthorUser, Is.Null);
        Assert.That(commits[1].CommitterUser, Is.Null);
        Assert.That(commits[1].Author, Is.EqualTo(new Bot.Core.Model.GitIdentity("Ghost Writer", "ghost@example.com")));
        Assert.That(commits[2].AuthorUser, Is.Not.Null);
        Assert.That(commits[2].CommitterUser, Is.Null);
        Assert.That(commits[2].IsMerge, Is.True);
        Assert.That(commits[0].IsMerge, Is.False);
    }

    [Test]
    public async Task Reviews_and_files_are_mapped()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var pr = context.Fake.AddPullRequest("octo/app", 3, Alice, headSha: "head1");
        context.Fake.AddReview(pr, Bob, "APPROVED");
        context.Fake.AddReview(pr, FakeUser.Bot(900, "helper[bot]"), "COMMENTED", commitId: "old");
        context.Fake.AddReview(pr, null, "DISMISSED");
        context.Fake.AddFile(pr, "src/a.cs");
        context.Fake.AddFile(pr, "src/b.cs", "renamed", previousFilename: "src/old.cs");

        var reviews = await context.Client.ListPullRequestReviewsAsync("octo", "app", 3);
        var files = await context.Client.ListPullRequestFilesAsync("octo", "app", 3);

        Assert.That(reviews, Has.Count.EqualTo(3));
        Assert.That(reviews[0].User, Is.EqualTo(new Bot.Core.Model.GitHubUser(102, "bob")));
        Assert.That(reviews[0].State, Is.EqualTo("APPROVED"));
        Assert.That(reviews[0].CommitId, Is.EqualTo("head1"));
        Assert.That(reviews[0].SubmittedAt, Is.Not.Null);
        Assert.That(reviews[1].User!.IsBot, Is.True);
        Assert.That(reviews[1].CommitId, Is.EqualTo("old"));
        Assert.That(reviews[2].User, Is.Null);
        Assert.That(files, Is.EqualTo(new[]
        {
            new Bot.Core.Model.ChangedFile("src/a.cs", "modified"),
            new Bot.Core.Model.ChangedFile("src/b.cs", "renamed", "src/old.cs"),
        }));
    }

    [Test]
    public async Task Missing_pull_request_is_a_404_error_naming_the_call_without_the_token()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");

        var error = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetPullRequestAsync("octo", "app", 99));

        Assert.That(error!.StatusCode, Is.EqualTo(404));
        Assert.That(error.Method, Is.EqualTo("GET"));
        Assert.That(error.Path, Is.EqualTo("/repos/octo/app/pulls/99"));
        Assert.That(error.Message, Does.Not.Contain("ghs_"));
        Assert.That(context.Fake.Calls.For("GET /repos/{owner}/{repo}/pulls/{number}"), Is.EqualTo(1), "4xx is not retried");
    }

    [Test]
    public async Task Repository_of_another_installation_is_not_visible()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("other/secret", installationId: 2);

        var error = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetRepositoryAsync("other", "secret"));
        Assert.That(error!.StatusCode, Is.EqualTo(404));

        var repo = await context.App.ForInstallation(2).GetRepositoryAsync("other", "secret");
        Assert.That(repo.FullName, Is.EqualTo("other/secret"));
    }
}
