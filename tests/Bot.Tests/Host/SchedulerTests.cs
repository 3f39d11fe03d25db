using Bot.Evidence.Inbox;
using Bot.Serve.Evaluation;
using Bot.Serve.Processing;
using static Bot.Tests.Host.HostUnderTest;
using static Bot.Tests.Host.Users;

namespace Bot.Tests.Host;

/// <summary><see cref="PullRequestScheduler"/>: one evaluation of a pull request at a time, a burst collapsing into one.</summary>
public sealed class SchedulerTests
{
    [Test]
    public async Task Deliveries_arriving_while_a_pull_request_is_evaluated_collapse_into_one_more_evaluation()
    {
        await using var host = HostUnderTest.Start();
        host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n");
        // Evidence names the delivery that caused it: the four deliveries are in the inbox.
        foreach (var id in new[] { "d1", "d2", "d3", "d4" })
            await host.Inbox.EnqueueAsync(new InboundDelivery(id, "pull_request", "synchronize", Installation, Repo, DateTimeOffset.UtcNow, "{}"u8.ToArray(), 1));
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = 0;
        // The first evaluation's first read waits until the burst has been scheduled behind it.
        host.GitHub.Gate = call => call == $"GET {Repo} pulls/1" && Interlocked.Increment(ref reads) == 1 ? Hold(held, release) : Task.CompletedTask;
        var scheduler = host.Get<PullRequestScheduler>();
        var key = PullRequestKey.Create(Installation, Repo, 1);

        var first = scheduler.ScheduleAsync(key, new DeliveryTrigger("d1", Retried: false), CancellationToken.None);
        await held.Task;
        var burst = new[] { "d2", "d3", "d4" }.Select(id => scheduler.ScheduleAsync(key, new DeliveryTrigger(id, Retried: false), CancellationToken.None)).ToList();
        release.SetResult();
        var outcomes = await Task.WhenAll([first, .. burst]);

        Assert.That(await host.Decisions.LatestForDeliveryAsync("d1"), Is.Not.Null);
        Assert.That(await host.Decisions.LatestForDeliveryAsync("d2"), Is.Null);
        Assert.That(await host.Decisions.LatestForDeliveryAsync("d3"), Is.Null);
        Assert.That(await host.Decisions.LatestForDeliveryAsync("d4"), Is.Not.Null, "the newest delivery of the burst is the one recorded");
        Assert.That(outcomes.Skip(1).Select(o => o.Seq).Distinct().Count(), Is.EqualTo(1), "one evaluation answered the whole burst");
    }

    private static Task Hold(TaskCompletionSource held, TaskCompletionSource release)
    {
        held.SetResult();
        return release.Task;
    }
}
