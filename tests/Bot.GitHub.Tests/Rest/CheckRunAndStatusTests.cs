using Bot.FakeGitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

public class CheckRunAndStatusTests
{
    [Test]
    public async Task Check_run_is_created_updated_and_listed_by_name_and_app()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var started = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

        var created = await context.Client.CreateCheckRunAsync("octo", "app", new CheckRunRequest
        {
            Name = "AI change control",
            HeadSha = "abc",
            Status = "in_progress",
            ExternalId = "eval-1",
            StartedAt = started,
            Output = new CheckRunOutput("Waiting for 1 approval", "summary"),
        });
        var updated = await context.Client.UpdateCheckRunAsync("octo", "app", created.Id, new CheckRunRequest
        {
            Conclusion = "failure",
            Status = "completed",
            Output = new CheckRunOutput("Missing declaration", "details"),
        });
        await context.Client.CreateCheckRunAsync("octo", "app", new CheckRunRequest { Name = "other check", HeadSha = "abc" });

        var posted = context.Fake.CheckRuns("octo/app");
        Assert.That(posted, Has.Count.EqualTo(2));
        Assert.That(posted[0].StartedAt, Is.EqualTo("2026-05-01T10:00:00Z"));
        Assert.That(posted[0].ExternalId, Is.EqualTo("eval-1"));
        Assert.That(posted[0].Conclusion, Is.EqualTo("failure"));
        Assert.That(posted[0].Title, Is.EqualTo("Missing declaration"));
        Assert.That(posted[0].UpdateCount, Is.EqualTo(1));
        Assert.That(created.Status, Is.EqualTo("in_progress"));
        Assert.That(updated.Status, Is.EqualTo("completed"));
        Assert.That(updated.AppId, Is.EqualTo(12345));

        var listed = await context.Client.ListCheckRunsAsync("octo", "app", "abc", "AI change control", appId: 12345);
        Assert.That(listed.Select(r => r.Id), Is.EqualTo(new[] { created.Id }));
        Assert.That(await context.Client.ListCheckRunsAsync("octo", "app", "abc", "AI change control", appId: 999), Is.Empty);
    }

    [Test]
    public async Task Completed_without_conclusion_is_refused_before_calling_github()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");

        Assert.ThrowsAsync<ArgumentException>(() => context.Client.CreateCheckRunAsync("octo", "app",
            new CheckRunRequest { Name = "x", HeadSha = "abc", Status = "completed" }));
        Assert.That(context.Fake.Calls.For("POST /repos/{owner}/{repo}/check-runs"), Is.Zero);
    }

    [Test]
    public async Task Commit_status_description_is_cut_to_140_characters()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");

        var status = await context.Client.CreateCommitStatusAsync("octo", "app", "abc",
            new CommitStatusRequest("failure", "ai-compliance", new string('d', 200), "https://example.test/e/1"));

        var stored = context.Fake.Statuses("octo/app").Single();
        Assert.That(stored.Description, Has.Length.EqualTo(140));
        Assert.That(stored.Description, Does.EndWith("…"));
        Assert.That(stored.Sha, Is.EqualTo("abc"));
        Assert.That(stored.Context, Is.EqualTo("ai-compliance"));
        Assert.That(status.State, Is.EqualTo("failure"));
    }

    [TestCase(140, 140)]
    [TestCase(141, 140)]
    [TestCase(10, 10)]
    public void Description_truncation_keeps_short_text(int length, int expected)
    {
        Assert.That(GitHubModelMapper.TruncateDescription(new string('a', length)), Has.Length.EqualTo(expected));
    }

    [Test]
    public void Description_truncation_never_splits_a_surrogate_pair()
    {
        var emoji = new string('a', 138) + "😀😀";
        var cut = GitHubModelMapper.TruncateDescription(emoji);
        Assert.That(cut, Is.EqualTo(new string('a', 138) + "…"), "the emoji at 139-140 is dropped whole");
    }
}
