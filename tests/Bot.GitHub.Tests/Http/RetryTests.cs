using Bot.FakeGitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Http;

public class RetryTests
{
    private const string PullRoute = "GET /repos/{owner}/{repo}/pulls/{number}";

    private static async Task<GitHubTestContext> StartAsync(Action<GitHubAppOptions>? configure = null)
    {
        var context = await GitHubTestContext.StartAsync(configure: configure);
        context.Fake.AddRepository("octo/app");
        context.Fake.AddPullRequest("octo/app", 1, new FakeUser(1, "alice"), "head");
        return context;
    }

    [TestCase(502)]
    [TestCase(500)]
    [TestCase(503)]
    [TestCase(408)]
    public async Task Transient_failure_three_times_then_success(int status)
    {
        await using var context = await StartAsync();
        context.Fake.Faults.Enqueue(FakeFault.Status(status, pathContains: "/pulls/"), times: 3);

        var pr = await context.Client.GetPullRequestAsync("octo", "app", 1);

        Assert.That(pr.HeadSha, Is.EqualTo("head"));
        Assert.That(context.Fake.Calls.For(PullRoute), Is.EqualTo(4));
        Assert.That(context.App.Counter.Retries, Is.EqualTo(3));
        Assert.That(context.Retries.Select(r => r.StatusCode), Is.All.EqualTo(status));
    }

    [Test]
    public async Task Outage_throughout_is_an_error_never_a_fake_success()
    {
        await using var context = await StartAsync();
        context.Fake.Faults.Always(FakeFault.Status(500, pathContains: "/pulls/"));

        var error = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetPullRequestAsync("octo", "app", 1));

        Assert.That(error!.StatusCode, Is.EqualTo(500));
        Assert.That(context.Fake.Calls.For(PullRoute), Is.EqualTo(4), "first attempt + 3 retries");
    }

    [TestCase(404)]
    [TestCase(422)]
    [TestCase(400)]
    public async Task Client_errors_are_not_retried(int status)
    {
        await using var context = await StartAsync();
        context.Fake.Faults.Enqueue(new FakeFault(status, Message: "Validation Failed", PathContains: "/pulls/"));

        var error = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetPullRequestAsync("octo", "app", 1));

        Assert.That(error!.StatusCode, Is.EqualTo(status));
        Assert.That(error.Message, Does.Contain("Validation Failed"));
        Assert.That(context.Fake.Calls.For(PullRoute), Is.EqualTo(1));
        Assert.That(context.App.Counter.Retries, Is.Zero);
    }

    [Test]
    public async Task Permission_403_is_not_retried_but_secondary_rate_limit_403_is()
    {
        // Without Retry-After the client waits the configured cap (GitHub advises a minute); keep it short here.
        await using var context = await StartAsync(o => o.Resilience.MaxServerRequestedDelay = TimeSpan.FromMilliseconds(50));
        context.Fake.Faults.Enqueue(new FakeFault(403, Message: "Resource not accessible by integration", PathContains: "/pulls/"));
        Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetPullRequestAsync("octo", "app", 1));
        Assert.That(context.Fake.Calls.For(PullRoute), Is.EqualTo(1));

        context.Fake.Faults.Enqueue(FakeFault.SecondaryRateLimit(retryAfterSeconds: null, pathContains: "/pulls/"));
        var pr = await context.Client.GetPullRequestAsync("octo", "app", 1);
        Assert.That(pr.Number, Is.EqualTo(1));
        Assert.That(context.Fake.Calls.For(PullRoute), Is.EqualTo(3));
        Assert.That(context.Retries.Single().Delay, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
    }

    [Test]
    public async Task Retry_after_is_the_delay_the_strategy_uses()
    {
        await using var context = await StartAsync();
        context.Fake.Faults.Enqueue(FakeFault.SecondaryRateLimit(retryAfterSeconds: 1, pathContains: "/pulls/"));
        context.Fake.Faults.Enqueue(FakeFault.TooManyRequests(retryAfterSeconds: 0, pathContains: "/pulls/"));

        await context.Client.GetPullRequestAsync("octo", "app", 1);

        Assert.That(context.Retries.Select(r => (r.StatusCode, r.Delay)), Is.EqualTo(new (int?, TimeSpan)[]
        {
            (403, TimeSpan.FromSeconds(1)),
            (429, TimeSpan.Zero),
        }));
    }

    [Test]
    public async Task Timed_out_attempt_is_retried()
    {
        await using var context = await StartAsync(o => o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        context.Fake.Faults.Enqueue(FakeFault.Slow(TimeSpan.FromSeconds(5), pathContains: "/pulls/"));

        var pr = await context.Client.GetPullRequestAsync("octo", "app", 1);

        Assert.That(pr.Number, Is.EqualTo(1));
        Assert.That(context.Retries.Single().ExceptionType, Is.EqualTo("TimeoutRejectedException"));
    }

    [Test]
    public async Task Timeouts_throughout_become_an_api_error_without_status()
    {
        await using var context = await StartAsync(o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.Resilience.MaxRetryAttempts = 1;
        });
        context.Fake.Faults.Always(FakeFault.Slow(TimeSpan.FromSeconds(5), pathContains: "/pulls/"));

        var error = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetPullRequestAsync("octo", "app", 1));

        Assert.That(error!.StatusCode, Is.Null);
        Assert.That(error.Message, Does.Contain("timed out"));
    }

    [Test]
    public async Task Post_with_a_body_is_resent_intact_after_a_failure()
    {
        await using var context = await StartAsync();
        context.Fake.Faults.Enqueue(FakeFault.Status(502, pathContains: "/check-runs"), times: 2);

        var run = await context.Client.CreateCheckRunAsync("octo", "app", new CheckRunRequest
        {
            Name = "AI change control", HeadSha = "head", Output = new CheckRunOutput("t", "s"),
        });

        var posted = context.Fake.CheckRuns("octo/app");
        Assert.That(posted.Select(r => (r.Id, r.Name, r.Title)), Is.EqualTo(new[] { (run.Id, "AI change control", (string?)"t") }));
        Assert.That(context.Fake.Calls.For("POST /repos/{owner}/{repo}/check-runs"), Is.EqualTo(3));
    }

    [Test]
    public async Task Seeded_random_failures_are_absorbed_by_retries()
    {
        await using var context = await StartAsync(o => o.Resilience.MaxRetryAttempts = 6);
        context.Fake.Faults.FailRandomly(0.3, seed: 7, FakeFault.Status(503, pathContains: "/pulls/"));

        for (var i = 0; i < 20; i++)
        {
            Assert.That((await context.Client.GetPullRequestAsync("octo", "app", 1)).Number, Is.EqualTo(1));
        }

        Assert.That(context.App.Counter.Retries, Is.GreaterThan(0));
        Assert.That(context.Fake.Calls.Requests.Count(r => r.StatusCode == 503), Is.EqualTo(context.App.Counter.Retries));
    }
}
