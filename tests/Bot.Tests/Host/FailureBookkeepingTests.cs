using Bot.Evidence.Inbox;
using Bot.GitHub.Rest;
using Bot.Serve.Processing;
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

    [Test]
    public async Task A_delivery_cut_short_by_a_stop_is_pending_again_at_once_with_its_attempt_handed_back()
    {
        await using var host = HostUnderTest.Start(maxAttempts: 1);
        var pr = host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n");
        using var stopping = new CancellationTokenSource();
        // The process is told to stop while the evaluation waits for GitHub.
        host.GitHub.Gate = async _ =>
        {
            await stopping.CancelAsync();
            await Task.Delay(Timeout.Infinite, stopping.Token);
        };
        await host.AcceptAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, pr.HeadSha));

        await host.WorkAsync(stopping.Token);

        Assert.That(await host.CountAsync(DeliveryState.Processing), Is.Zero, "not held until its claim expires");
        Assert.That(await host.CountAsync(DeliveryState.Pending), Is.EqualTo(1));
        host.GitHub.Gate = null;
        var again = await host.Inbox.ClaimAsync(10);
        Assert.That(again.Select(d => d.Attempts), Is.EqualTo(new[] { 1 }), "the stop did not use up the only attempt");
        await host.Get<DeliveryHandler>().HandleAsync(again[0], CancellationToken.None);
        Assert.That(await host.CountAsync(DeliveryState.Processed), Is.EqualTo(1));
        Assert.That(host.GitHub.Repository(Repo).CheckRunsOn(pr.HeadSha).ToList(), Has.Count.EqualTo(1), "evaluated once, after the restart");
    }
}
