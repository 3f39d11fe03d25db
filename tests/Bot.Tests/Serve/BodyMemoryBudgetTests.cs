using Bot.Serve.Http;

namespace Bot.Tests.Serve;

/// <summary>The memory shared by webhook bodies being read: what fits is taken at once, the rest waits (bounded) and
/// is handed what is returned, oldest first.</summary>
public sealed class BodyMemoryBudgetTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_small_body_takes_memory_at_once_while_a_large_one_waits()
    {
        var budget = new BodyMemoryBudget(100);
        Assert.That(await budget.TryTakeAsync(60, Long, CancellationToken.None), Is.True);

        var large = budget.TryTakeAsync(60, Long, CancellationToken.None);
        var small = await budget.TryTakeAsync(30, Long, CancellationToken.None);

        Assert.That(small, Is.True, "the small one does not queue behind the large one");
        Assert.That(large.IsCompleted, Is.False);
        Assert.That(budget.Available, Is.EqualTo(10));
        budget.Return(60);
        Assert.That(await large, Is.True, "returned memory goes to the waiter");
        Assert.That(budget.Available, Is.EqualTo(10));
    }

    [Test]
    public async Task A_waiter_that_gets_nothing_in_time_is_refused_and_holds_nothing()
    {
        var budget = new BodyMemoryBudget(100);
        await budget.TryTakeAsync(90, Long, CancellationToken.None);

        Assert.That(await budget.TryTakeAsync(20, TimeSpan.FromMilliseconds(50), CancellationToken.None), Is.False);

        budget.Return(90);
        Assert.That(budget.Available, Is.EqualTo(100), "the refused waiter was not handed the returned memory");
    }

    [Test]
    public async Task An_aborted_request_stops_waiting()
    {
        var budget = new BodyMemoryBudget(100);
        await budget.TryTakeAsync(100, Long, CancellationToken.None);
        using var aborted = new CancellationTokenSource();

        var waiting = budget.TryTakeAsync(10, Long, aborted.Token);
        await aborted.CancelAsync();

        Assert.That(await waiting, Is.False);
        budget.Return(100);
        Assert.That(budget.Available, Is.EqualTo(100));
    }

    [Test]
    public async Task More_than_the_whole_budget_is_refused_without_waiting()
    {
        var budget = new BodyMemoryBudget(100);

        Assert.That(await budget.TryTakeAsync(101, Long, CancellationToken.None), Is.False);
        Assert.That(budget.Available, Is.EqualTo(100));
    }

    [Test]
    public async Task Returned_memory_serves_waiters_oldest_first_as_far_as_it_goes()
    {
        var budget = new BodyMemoryBudget(100);
        await budget.TryTakeAsync(100, Long, CancellationToken.None);
        var first = budget.TryTakeAsync(50, Long, CancellationToken.None);
        var second = budget.TryTakeAsync(50, Long, CancellationToken.None);
        var third = budget.TryTakeAsync(50, Long, CancellationToken.None);

        budget.Return(100);

        Assert.That(await first && await second, Is.True);
        Assert.That(third.IsCompleted, Is.False);
        budget.Return(50);
        Assert.That(await third, Is.True);
    }
}
