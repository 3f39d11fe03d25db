using System.Text;
using Bot.Evidence.Deliveries;
using Bot.Evidence.Inbox;

namespace Bot.Evidence.Tests.Contract;

/// <summary>The delivery inbox every provider keeps: claimed once, completed, retried when due, recovered after a crash,
/// and put back by an operator (<see cref="IDeliveryInbox"/>, <see cref="IDeliveryAdministration"/>).</summary>
[TestFixtureSource(typeof(StoreFixtures), nameof(StoreFixtures.All))]
public sealed class InboxContract(IStoreFixture fixture) : StoreContract(fixture)
{
    private static InboundDelivery Delivery(string id, string body = """{"action":"opened"}""") =>
        new(id, "pull_request", "opened", 42, "acme/payments", Start, Encoding.UTF8.GetBytes(body), PullRequestNumber: 7);

    [Test]
    public async Task Claims_go_oldest_first_each_delivery_once_with_its_body_as_received()
    {
        await using var store = Open();
        foreach (var id in new[] { "a", "b", "c" })
            Assert.That(await store.Inbox.EnqueueAsync(Delivery(id, "body of " + id)), Is.EqualTo(EnqueueResult.Accepted));

        var firstTwo = await store.Inbox.ClaimAsync(2);
        var rest = await store.Inbox.ClaimAsync(2);
        var none = await store.Inbox.ClaimAsync(2);

        Assert.That(firstTwo.Select(d => d.DeliveryId), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(rest.Select(d => d.DeliveryId), Is.EqualTo(new[] { "c" }));
        Assert.That(none, Is.Empty);
        Assert.That(firstTwo[0], Is.EqualTo(new ClaimedDelivery("a", "pull_request", "opened", 42, "acme/payments", Start, 1, 7)));
        Assert.That(Encoding.UTF8.GetString(await store.Inbox.ReadBodyAsync("b")), Is.EqualTo("body of b"));
        Assert.That(await store.Inbox.CountPendingAsync(), Is.Zero);
    }

    [Test]
    public async Task A_completed_delivery_is_done_and_cannot_be_marked_again()
    {
        await using var store = Open();
        await store.Inbox.EnqueueAsync(Delivery("ok"));
        await store.Inbox.EnqueueAsync(Delivery("bad"));
        await store.Inbox.EnqueueIgnoredAsync(Delivery("ignored-at-door"));
        await store.Inbox.ClaimAsync(10);

        await store.Inbox.MarkProcessedAsync("ok");
        await store.Inbox.MarkFailedAsync("bad", "policy file unreadable");

        Assert.ThrowsAsync<DeliveryNotClaimedException>(() => store.Inbox.MarkProcessedAsync("ok"));
        Assert.ThrowsAsync<DeliveryNotClaimedException>(() => store.Inbox.MarkFailedAsync("unknown", "x"));
        Assert.That(await store.Inbox.CountByStateAsync(), Is.EquivalentTo(new Dictionary<DeliveryState, long>
        {
            [DeliveryState.Pending] = 0,
            [DeliveryState.Processing] = 0,
            [DeliveryState.Processed] = 1,
            [DeliveryState.Failed] = 1,
            [DeliveryState.Ignored] = 1,
        }));
        Assert.That(await store.Inbox.ClaimAsync(10), Is.Empty, "nothing done is claimed again");
    }

    [Test]
    public async Task A_retry_waits_until_its_time_and_counts_an_attempt_unless_the_store_failed()
    {
        await using var store = Open();
        await store.Inbox.EnqueueAsync(Delivery("d"));
        await store.Inbox.ClaimAsync(1);

        await store.Inbox.MarkRetryAsync("d", "GitHub 502", Start.AddMinutes(1));
        var tooEarly = await store.Inbox.ClaimAsync(1);
        Clock.Now = Start.AddMinutes(1);
        var due = await store.Inbox.ClaimAsync(1);
        await store.Inbox.MarkRetryUncountedAsync("d", "the store was full", Start.AddMinutes(1));
        var afterStoreFailure = await store.Inbox.ClaimAsync(1);

        Assert.That(tooEarly, Is.Empty);
        Assert.That(due.Single().Attempts, Is.EqualTo(2));
        Assert.That(afterStoreFailure.Single().Attempts, Is.EqualTo(2), "the store's own failure gave the attempt back");
    }

    [Test]
    public async Task A_delivery_a_dead_process_was_working_on_is_pending_again_after_recovery()
    {
        var crashed = Open();
        await crashed.Inbox.EnqueueAsync(Delivery("d-crash"));
        Assert.That((await crashed.Inbox.ClaimAsync(1)).Single().DeliveryId, Is.EqualTo("d-crash"));

        await using var restarted = Open();
        Assert.That(await restarted.Inbox.ClaimAsync(1), Is.Empty, "still processing until recovered");
        // The dead process no longer renews its claim (a store shared by replicas recovers only expired claims).
        Clock.Now = Start + Replicas.DefaultClaimLease + TimeSpan.FromSeconds(1);
        var recovered = await restarted.Inbox.RecoverAsync();
        var again = await restarted.Inbox.ClaimAsync(1);
        await crashed.DisposeAsync();

        Assert.That(recovered, Is.EqualTo(1));
        Assert.That(again.Single().DeliveryId, Is.EqualTo("d-crash"));
        Assert.That(again.Single().Attempts, Is.EqualTo(2));
        Assert.That(await restarted.Inbox.ReadBodyAsync("d-crash"), Is.EqualTo(Delivery("d-crash").Body));
    }

    [Test]
    public async Task An_operator_lists_failed_deliveries_and_puts_them_back_to_work()
    {
        await using var store = Open();
        await store.Inbox.EnqueueAsync(Delivery("f1"));
        await store.Inbox.EnqueueAsync(Delivery("f2"));
        await store.Inbox.EnqueueAsync(Delivery("ok"));
        await store.Inbox.ClaimAsync(10);
        await store.Inbox.MarkFailedAsync("f1", "policy file unreadable");
        await store.Inbox.MarkFailedAsync("f2", "policy file unreadable");
        await store.Inbox.MarkProcessedAsync("ok");
        var admin = Store.Provider(clock: Clock).Deliveries;

        var failed = admin.List(new DeliveryFilter { States = ["failed"] });
        var one = admin.Retry("f1", out _);
        var notFailed = admin.Retry("ok", out var state);
        var unknown = admin.Retry("nope", out _);
        var rest = admin.RetryAllFailed();

        Assert.That(failed.Select(d => (d.DeliveryId, d.State, d.LastError)),
            Is.EqualTo(new[] { ("f1", "failed", "policy file unreadable"), ("f2", "failed", "policy file unreadable") }));
        Assert.That((one, notFailed, state, unknown, rest), Is.EqualTo((RetryOutcome.Retried, RetryOutcome.NotFailed, "processed", RetryOutcome.Unknown, 1)));
        var claimed = await store.Inbox.ClaimAsync(10);
        Assert.That(claimed.Select(d => (d.DeliveryId, d.Attempts)), Is.EquivalentTo(new[] { ("f1", 1), ("f2", 1) }), "attempts start again");
    }
}
