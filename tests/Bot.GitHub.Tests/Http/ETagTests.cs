using Bot.FakeGitHub;
using Bot.GitHub.Http;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Http;

public class ETagTests
{
    private static readonly FakeUser Alice = new(101, "alice");

    [Test]
    public async Task Second_identical_get_is_a_304_and_returns_the_same_data()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.AddPullRequest("octo/app", 1, Alice, "head", body: "body text");

        var first = await context.Client.GetPullRequestAsync("octo", "app", 1);
        var second = await context.Client.GetPullRequestAsync("octo", "app", 1);

        Assert.That(second, Is.EqualTo(first));
        var pulls = context.Fake.Calls.Requests.Where(r => r.Route == "GET /repos/{owner}/{repo}/pulls/{number}").ToList();
        Assert.That(pulls.Select(r => r.StatusCode), Is.EqualTo(new[] { 200, 304 }));
        Assert.That(pulls[1].IfNoneMatch, Is.Not.Null);
        Assert.That(context.App.Counter.NotModified, Is.EqualTo(1));
        Assert.That(context.Fake.Calls.NotModified, Is.EqualTo(1));
        Assert.That(context.App.Counter.RateLimited, Is.EqualTo(context.Fake.Calls.RateLimited));
    }

    [Test]
    public async Task An_evaluations_reads_cost_five_calls_and_an_unchanged_repeat_costs_no_rate_limit()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var pr = context.Fake.AddPullRequest("octo/app", 1, Alice, "c1");
        context.Fake.AddCommit(pr, "c1", "m", Alice);
        context.Fake.SetContent("octo/app", ".github/ai-compliance.yml", "main", "version: 1\n");
        var client = context.Client;
        async Task EvaluateReadsAsync()
        {
            await client.GetPullRequestAsync("octo", "app", 1);
            await client.ListPullRequestCommitsAsync("octo", "app", 1);
            await client.ListPullRequestReviewsAsync("octo", "app", 1);
            await client.ListPullRequestFilesAsync("octo", "app", 1);
            await client.GetFileAsync("octo", "app", ".github/ai-compliance.yml", "main");
        }

        await client.ListInstallationRepositoriesAsync(); // mint the token outside the measurement
        var start = context.App.Counter.Snapshot();
        await EvaluateReadsAsync();
        var first = context.App.Counter.Snapshot() - start;
        await EvaluateReadsAsync();
        var repeat = context.App.Counter.Snapshot() - start - first;

        Assert.That(first, Is.EqualTo(new GitHubCallSnapshot(5, 0, 0)));
        Assert.That(repeat, Is.EqualTo(new GitHubCallSnapshot(5, 5, 0)));
        Assert.That(repeat.RateLimited, Is.Zero);
    }

    [Test]
    public async Task Changed_resource_is_fetched_again()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var pr = context.Fake.AddPullRequest("octo/app", 1, Alice, "head", body: "old");

        await context.Client.GetPullRequestAsync("octo", "app", 1);
        context.Fake.SetBody(pr, "new");
        var again = await context.Client.GetPullRequestAsync("octo", "app", 1);

        Assert.That(again.Body, Is.EqualTo("new"));
        Assert.That(context.App.Counter.NotModified, Is.Zero);
    }

    [Test]
    public async Task Paged_listing_replays_from_cache_with_its_link_headers()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var pr = context.Fake.AddPullRequest("octo/app", 1, Alice, "c249");
        for (var i = 0; i < 250; i++)
        {
            context.Fake.AddCommit(pr, $"c{i}", $"m{i}", Alice);
        }

        var first = await context.Client.ListPullRequestCommitsAsync("octo", "app", 1);
        var before = context.App.Counter.Snapshot();
        var second = await context.Client.ListPullRequestCommitsAsync("octo", "app", 1);
        var used = context.App.Counter.Snapshot() - before;

        Assert.That(second, Is.EqualTo(first));
        Assert.That(used, Is.EqualTo(new GitHubCallSnapshot(Calls: 3, NotModified: 3, Retries: 0)));
        Assert.That(used.RateLimited, Is.Zero);
    }

    [Test]
    public async Task Cache_is_not_shared_between_installations()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.AddInstallation(2);

        await context.Client.ListInstallationRepositoriesAsync();
        var other = await context.App.ForInstallation(2).ListInstallationRepositoriesAsync();

        Assert.That(other, Is.Empty);
        Assert.That(context.App.Counter.NotModified, Is.Zero);
    }

    [Test]
    public void Cache_is_bounded_and_drops_the_least_recently_used()
    {
        var cache = new ETagCache(capacity: 2);
        cache.Set("a", new CachedResponse("\"1\"", [1], null, []));
        cache.Set("b", new CachedResponse("\"2\"", [2], null, []));
        Assert.That(cache.TryGet("a", out _), Is.True);
        cache.Set("c", new CachedResponse("\"3\"", [3], null, []));

        Assert.That(cache.Count, Is.EqualTo(2));
        Assert.That(cache.TryGet("b", out _), Is.False);
        Assert.That(cache.TryGet("a", out var a), Is.True);
        Assert.That(a!.ETag, Is.EqualTo("\"1\""));
    }
}
