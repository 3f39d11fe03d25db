using Bot.FakeGitHub;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

/// <summary>What the client reads of a large pull request from a fake that honours GitHub's caps, and a comment read by id
/// (policy.md §1 and §7).</summary>
public class LargePullRequestReadTests
{
    private const string CompareRoute = "GET /repos/{owner}/{repo}/compare/{**basehead}";
    private static readonly FakeUser Alice = new(101, "alice");
    private static readonly FakeUser Carol = new(103, "carol");

    private static FakePullRequest Large(GitHubTestContext context, int commits, int files)
    {
        context.Fake.AddRepository("octo/app");
        var pr = context.Fake.AddPullRequest("octo/app", 1, Alice, headSha: $"sha{commits - 1}");
        for (var i = 0; i < commits; i++)
            context.Fake.AddCommit(pr, $"sha{i}", $"Commit {i}", Alice);
        for (var i = 0; i < files; i++)
            context.Fake.AddFile(pr, $"src/f{i}.cs");
        return pr;
    }

    [Test]
    public async Task The_pull_request_says_how_many_commits_and_files_it_has_and_its_base_sha()
    {
        await using var context = await GitHubTestContext.StartAsync();
        Large(context, 300, 3200);

        var pr = await context.Client.GetPullRequestAsync("octo", "app", 1);

        Assert.That((pr.CommitCount, pr.ChangedFileCount), Is.EqualTo((300, 3200)));
        Assert.That(pr.BaseSha, Is.EqualTo("b".PadRight(40, '0')));
    }

    [Test]
    public async Task The_pull_requests_lists_stop_at_250_commits_and_3000_files_as_on_github()
    {
        await using var context = await GitHubTestContext.StartAsync();
        Large(context, 300, 3200);

        var commits = await context.Client.ListPullRequestCommitsAsync("octo", "app", 1);
        var files = await context.Client.ListPullRequestFilesAsync("octo", "app", 1);

        Assert.That(commits, Has.Count.EqualTo(250));
        Assert.That(commits[^1].Sha, Is.EqualTo("sha249"), "the oldest 250");
        Assert.That(files, Has.Count.EqualTo(3000));
    }

    [Test]
    public async Task Compare_of_base_sha_and_head_pages_through_every_commit_with_parents()
    {
        await using var context = await GitHubTestContext.StartAsync();
        Large(context, 300, 400);

        var result = await context.Client.CompareAsync("octo", "app", "b".PadRight(40, '0'), "sha299");

        Assert.That(result.Commits.Select(c => c.Sha), Is.EqualTo(Enumerable.Range(0, 300).Select(i => $"sha{i}")));
        Assert.That(result.Commits[1].ParentShas, Is.EqualTo(new[] { "sha0" }));
        Assert.That(result.Files, Has.Count.EqualTo(300), "compare lists at most 300 files, on its first page");
        Assert.That(context.Fake.Calls.For(CompareRoute), Is.EqualTo(3));
    }

    [Test]
    public async Task A_comment_is_read_back_as_github_holds_it_and_is_null_once_deleted()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var createdAt = new DateTimeOffset(2025, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var written = context.Fake.AddComment("octo/app", 7, Carol, "/ai-compliance override first words", createdAt);
        context.Fake.EditComment(written.Id, "/ai-compliance override second thoughts");

        var read = await context.Client.GetIssueCommentAsync("octo", "app", written.Id);
        context.Fake.DeleteComment(written.Id);
        var deleted = await context.Client.GetIssueCommentAsync("octo", "app", written.Id);

        Assert.That(read, Is.Not.Null);
        Assert.That(read!.Body, Is.EqualTo("/ai-compliance override second thoughts"));
        Assert.That(read.User, Is.EqualTo(new Bot.Core.Model.GitHubUser(103, "carol")));
        Assert.That(read.CreatedAt, Is.EqualTo(createdAt));
        Assert.That(read.IssueNumber, Is.EqualTo(7));
        Assert.That(deleted, Is.Null);
    }
}
