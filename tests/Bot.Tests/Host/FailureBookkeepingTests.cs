using Bot.Evidence.Inbox;
using Bot.GitHub.Rest;
using Bot.Tests.Support;
using static Bot.Tests.Host.HostUnderTest;
using static Bot.Tests.Host.Users;

namespace Bot.Tests.Host;

/// <summary>What the worker does with a delivery whose work failed: a GitHub outage delays a decision and never yields
/// <c>success</c>; a spent rate limit waits for its reset without using up attempts (policy.md §8).</summary>
public sealed class FailureBookkeepingTests
{
    [Test]
    public async Task A_GitHub_outage_is_retried_and_nothing_is_posted()
    {
        await using var host = HostUnderTest.Start(maxAttempts: 5);
        var pr = host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n");
        host.GitHub.Fault = _ => new GitHubApiException(503, "GET", "/repos/octo/app", "Service Unavailable");

        await host.DeliverAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, pr.HeadSha));

        Assert.That(await host.CountAsync(DeliveryState.Pending), Is.EqualTo(1), "waits for its retry");
        Assert.That(await host.CountAsync(DeliveryState.Processed), Is.Zero);
        Assert.That(host.GitHub.Repository(Repo).CheckRuns, Is.Empty);
    }

    [Test]
    public async Task A_GitHub_outage_on_the_last_attempt_fails_the_delivery_and_says_so_never_success()
    {
        await using var host = HostUnderTest.Start(maxAttempts: 1);
        var pr = host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n");
        // Only the commits fail: the pull request can still be read, so the failure can be reported on its check run.
        host.GitHub.Fault = call => call == $"GET {Repo} pulls/1/commits" ? new GitHubApiException(502, "GET", "/repos/octo/app/pulls/1/commits", "Bad Gateway") : null;

        await host.DeliverAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, pr.HeadSha));

        Assert.That(await host.CountAsync(DeliveryState.Failed), Is.EqualTo(1));
        var runs = host.GitHub.Repository(Repo).CheckRunsOn(pr.HeadSha).ToList();
        Assert.That(runs.Select(r => r.Title), Is.EqualTo(new[] { "Could not evaluate this change" }));
        Assert.That(runs.Select(r => r.Conclusion), Is.EqualTo(new[] { "failure" }));
    }

    [Test]
    public async Task A_spent_rate_limit_waits_for_its_reset_even_on_the_last_attempt()
    {
        await using var host = HostUnderTest.Start(maxAttempts: 1);
        var pr = host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n");
        host.GitHub.Fault = _ => new GitHubApiException(403, "GET", "/repos/octo/app", "API rate limit exceeded") { RateLimitResetAt = DateTimeOffset.UtcNow.AddHours(1) };

        await host.DeliverAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, pr.HeadSha));

        Assert.That(await host.CountAsync(DeliveryState.Pending), Is.EqualTo(1), "waiting for the budget is not a failed attempt");
        Assert.That(await host.CountAsync(DeliveryState.Failed), Is.Zero);
        Assert.That(host.GitHub.Repository(Repo).CheckRuns, Is.Empty);
    }
}
