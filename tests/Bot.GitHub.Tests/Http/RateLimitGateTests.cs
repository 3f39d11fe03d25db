using Bot.FakeGitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Http;

/// <summary>A spent primary budget (403, <c>x-ratelimit-remaining: 0</c>) with a reset further away than the retry cap is not
/// retried, says when the budget resets, and holds the installation's later calls back until then without sending them;
/// other installations are not held.</summary>
public class RateLimitGateTests
{
    private const string PullRoute = "GET /repos/{owner}/{repo}/pulls/{number}";

    [Test]
    public async Task A_spent_budget_is_not_asked_again_before_its_reset()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var context = await GitHubTestContext.StartAsync(clock: clock);
        context.Fake.AddRepository("octo/app");
        context.Fake.AddPullRequest("octo/app", 1, new FakeUser(1, "alice"), "a".PadLeft(40, 'a'));
        context.Fake.AddRepository("other/app", installationId: 2);
        context.Fake.AddPullRequest("other/app", 1, new FakeUser(1, "alice"), "b".PadLeft(40, 'b'));
        var reset = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds());
        context.Fake.SpendRateLimit(FakeGitHubServer.DefaultInstallationId, reset);

        var spent = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetPullRequestAsync("octo", "app", 1));
        Assert.That((spent!.StatusCode, spent.RateLimitResetAt), Is.EqualTo(((int?)403, (DateTimeOffset?)reset)));
        Assert.That(context.Retries, Is.Empty, "a reset 30 minutes away is beyond the retry cap: not retried");
        Assert.That(context.App.RateLimits.SpentUntil(FakeGitHubServer.DefaultInstallationId), Is.EqualTo(reset));

        var held = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.ListPullRequestCommitsAsync("octo", "app", 1));
        Assert.That((held!.StatusCode, held.RateLimitResetAt), Is.EqualTo(((int?)null, (DateTimeOffset?)reset)));
        Assert.That(held.Message, Does.Contain("not sent"));
        Assert.That(context.Fake.RateLimitedAnswers, Is.EqualTo(1), "the held call never reached GitHub");

        var other = await context.App.ForInstallation(2).GetPullRequestAsync("other", "app", 1);
        Assert.That(other.Number, Is.EqualTo(1), "another installation has its own budget");

        clock.Advance(TimeSpan.FromMinutes(31)); // the fake GitHub shares the clock: its budget has reset too
        Assert.That(context.App.RateLimits.SpentUntil(FakeGitHubServer.DefaultInstallationId), Is.Null);
        Assert.That((await context.Client.GetPullRequestAsync("octo", "app", 1)).Number, Is.EqualTo(1));
        Assert.That(context.Fake.Calls.For(PullRoute), Is.EqualTo(2), "one for the other installation, one after the reset");
    }
}
