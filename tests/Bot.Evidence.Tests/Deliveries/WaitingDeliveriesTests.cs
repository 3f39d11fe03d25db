using System.Text;
using Bot.Evidence.Inbox;

namespace Bot.Evidence.Tests.Deliveries;

/// <summary>Deliveries that waited for a time (a retry, work held while a rate limit was spent) are claimed, once due, before
/// fresh ones and the most recently received first: when a rate limit resets, the newest heads are evaluated first.</summary>
public sealed class WaitingDeliveriesTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Due_waiting_deliveries_come_first_newest_received_first_then_fresh_ones_oldest_first()
    {
        using var db = new TestDatabase();
        var clock = new ManualClock(Start);
        await using var store = db.Open(clock: clock);
        for (var i = 1; i <= 3; i++)
            await store.Inbox.EnqueueAsync(Delivery($"held-{i}", Start.AddSeconds(i)));
        var held = await store.Inbox.ClaimAsync(3);
        var reset = Start.AddMinutes(10);
        foreach (var delivery in held)
            await store.Inbox.MarkRetryUncountedAsync(delivery.DeliveryId, "rate limit", reset);
        await store.Inbox.EnqueueAsync(Delivery("fresh-1", Start.AddMinutes(1)));
        await store.Inbox.EnqueueAsync(Delivery("fresh-2", Start.AddMinutes(2)));

        var beforeReset = await store.Inbox.ClaimAsync(10);
        Assert.That(beforeReset.Select(d => d.DeliveryId), Is.EqualTo(new[] { "fresh-1", "fresh-2" }), "held ones wait for the reset");
        await store.Inbox.EnqueueAsync(Delivery("fresh-3", Start.AddMinutes(3)));
        await store.Inbox.EnqueueAsync(Delivery("fresh-4", Start.AddMinutes(4)));

        clock.Now = reset;
        var first = await store.Inbox.ClaimAsync(2);
        var rest = await store.Inbox.ClaimAsync(10);
        Assert.That(first.Select(d => d.DeliveryId), Is.EqualTo(new[] { "held-3", "held-2" }));
        Assert.That(rest.Select(d => d.DeliveryId), Is.EqualTo(new[] { "held-1", "fresh-3", "fresh-4" }));
        Assert.That(first.Concat(rest).Where(d => d.DeliveryId.StartsWith("held", StringComparison.Ordinal)).Select(d => d.Attempts), Is.All.EqualTo(1),
            "the held attempts were handed back");
    }

    private static InboundDelivery Delivery(string id, DateTimeOffset receivedAt) =>
        new(id, "pull_request", "opened", 42, "acme/payments", receivedAt, Encoding.UTF8.GetBytes("{}"));
}
