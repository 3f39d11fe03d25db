using Bot.FakeGitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Http;

public class CircuitBreakerTests
{
    [Test]
    public async Task Circuit_opens_after_an_outage_and_calls_then_fail_fast_without_reaching_github()
    {
        await using var context = await GitHubTestContext.StartAsync(configure: o =>
        {
            o.Resilience.MaxRetryAttempts = 1;
            o.Resilience.BreakerMinimumThroughput = 4;
            o.Resilience.BreakerFailureRatio = 0.5;
            o.Resilience.BreakerSamplingDuration = TimeSpan.FromSeconds(30);
            o.Resilience.BreakerBreakDuration = TimeSpan.FromSeconds(30);
        });
        context.Fake.AddRepository("octo/app");
        await context.Client.GetRepositoryAsync("octo", "app");
        context.Fake.Faults.Always(FakeFault.Status(503, pathContains: "/repos/"));

        var errors = new List<GitHubApiException>();
        for (var i = 0; i < 4; i++)
        {
            errors.Add(Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetRepositoryAsync("octo", "app"))!);
        }

        var reachedGitHub = context.Fake.Calls.For("GET /repos/{owner}/{repo}");
        context.Fake.Faults.Clear();
        var afterOutage = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetRepositoryAsync("octo", "app"));

        Assert.That(errors[0].StatusCode, Is.EqualTo(503));
        Assert.That(errors[^1].StatusCode, Is.Null);
        Assert.That(errors[^1].Message, Does.Contain("circuit open"));
        Assert.That(afterOutage!.Message, Does.Contain("circuit open"), "still open for the break duration");
        Assert.That(context.Fake.Calls.For("GET /repos/{owner}/{repo}"), Is.EqualTo(reachedGitHub), "an open circuit sends nothing");
    }
}
