using Bot.Evidence.Inbox;

namespace Bot.Evidence.Tests.Contract;

/// <summary>The durable inbox on every provider: claim, complete, retry, and a GUID stored once.</summary>
[TestFixtureSource(typeof(StoreFixtures), nameof(StoreFixtures.All))]
public sealed class InboxContract(IStoreFixture fixture) : StoreContract(fixture)
{
    private static InboundDelivery Delivery(string id, string body = """{"action":"opened"}""") =>
        new(id, "pull_request", "opened", 42, "acme/payments", Start, System.Text.Encoding.UTF8.GetBytes(body), PullRequestNumber: 7);

    [Test]
    public async Task A_delivery_is_claimed_once_with_its_route_and_its_exact_body()
    {
        await using var store = Open();
        var body = "{\"action\":\"opened\",\"padding\":\"" + new string('x', 2000) + "\"}";
        await store.Inbox.EnqueueAsync(Delivery("d-1", body));

        var claimed = await store.Inbox.ClaimAsync(10);
        var again = await store.Inbox.ClaimAsync(10);

        Assert.That(claimed.Select(c => (c.DeliveryId, c.Event, c.Repository, c.PullRequestNumber, c.Attempts)),
            Is.EqualTo(new[] { ("d-1", "pull_request", (string?)"acme/payments", (int?)7, 1) }));
        Assert.That(again, Is.Empty);
        Assert.That(await store.Inbox.ReadBodyAsync("d-1"), Is.EqualTo(System.Text.Encoding.UTF8.GetBytes(body)));
    }

    [Test]
    public async Task The_same_guid_again_adds_nothing()
    {
        await using var store = Open();

        var first = await store.Inbox.EnqueueAsync(Delivery("d-1", "first"));
        var second = await store.Inbox.EnqueueAsync(Delivery("d-1", "replayed"));

        Assert.That((first, second), Is.EqualTo((EnqueueResult.Accepted, EnqueueResult.Duplicate)));
        Assert.That((await store.Inbox.CountByStateAsync())[DeliveryState.Pending], Is.EqualTo(1));
        Assert.That(await store.Inbox.ReadBodyAsync("d-1"), Is.EqualTo("first"u8.ToArray()));
    }

    [Test]
    public async Task A_completed_delivery_is_not_claimed_again_and_cannot_be_marked_twice()
    {
        await using var store = Open();
        await store.Inbox.EnqueueAsync(Delivery("d-1"));
        await store.Inbox.ClaimAsync(1);

        await store.Inbox.MarkProcessedAsync("d-1");

        Assert.That(await store.Inbox.ClaimAsync(1), Is.Empty);
        Assert.ThrowsAsync<InvalidOperationException>(() => store.Inbox.MarkProcessedAsync("d-1"));
        Assert.That((await store.Inbox.CountByStateAsync())[DeliveryState.Processed], Is.EqualTo(1));
    }

    [Test]
    public async Task A_retry_waits_for_its_time_and_then_comes_before_fresh_deliveries()
    {
        await using var store = Open();
        await store.Inbox.EnqueueAsync(Delivery("d-retry"));
        await store.Inbox.ClaimAsync(1);
        await store.Inbox.MarkRetryAsync("d-retry", "GitHub 502", Start.AddMinutes(1));
        await store.Inbox.EnqueueAsync(Delivery("d-fresh"));

        var early = await store.Inbox.ClaimAsync(10);
        await store.Inbox.MarkRetryUncountedAsync("d-fresh", "store locked", Start.AddSeconds(30));
        await store.Inbox.EnqueueAsync(Delivery("d-new"));
        Clock.Now = Start.AddMinutes(2);
        var due = await store.Inbox.ClaimAsync(10);

        Assert.That(early.Select(c => c.DeliveryId), Is.EqualTo(new[] { "d-fresh" }));
        // Both waited: the most recently received first (same time here: the later one); the uncounted retry kept its attempt.
        Assert.That(due.Select(c => (c.DeliveryId, c.Attempts)), Is.EqualTo(new[] { ("d-fresh", 1), ("d-retry", 2), ("d-new", 1) }));
    }

    [Test]
    public async Task Deliveries_left_in_processing_are_pending_again_after_recovery()
    {
        await using (var crashed = Open())
        {
            await crashed.Inbox.EnqueueAsync(Delivery("d-1"));
            await crashed.Inbox.ClaimAsync(1);
        }
        await using var restarted = Open();

        var recovered = await restarted.Inbox.RecoverAsync();
        var claimed = await restarted.Inbox.ClaimAsync(1);

        Assert.That(recovered, Is.EqualTo(1));
        Assert.That(claimed.Single().Attempts, Is.EqualTo(2));
    }
}
