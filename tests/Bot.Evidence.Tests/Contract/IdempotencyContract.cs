using System.Text;
using Bot.Evidence.Inbox;

namespace Bot.Evidence.Tests.Contract;

/// <summary>A delivery is one delivery by its GUID, whichever process of the store (replica) it reaches: a redelivery adds
/// nothing, and the decision it triggered is found by it.</summary>
[TestFixtureSource(typeof(StoreFixtures), nameof(StoreFixtures.All))]
public sealed class IdempotencyContract(IStoreFixture fixture) : StoreContract(fixture)
{
    private static InboundDelivery Delivery(string id, string body) =>
        new(id, "pull_request", "synchronize", 42, "acme/payments", Start, Encoding.UTF8.GetBytes(body));

    [Test]
    public async Task The_same_guid_again_is_a_duplicate_and_the_first_body_is_kept()
    {
        await using var store = Open();

        var first = await store.Inbox.EnqueueAsync(Delivery("d-1", "first"));
        var again = await store.Inbox.EnqueueAsync(Delivery("d-1", "replayed"));
        var againIgnored = await store.Inbox.EnqueueIgnoredAsync(Delivery("d-1", "replayed"));

        Assert.That((first, again, againIgnored), Is.EqualTo((EnqueueResult.Accepted, EnqueueResult.Duplicate, EnqueueResult.Duplicate)));
        Assert.That((await store.Inbox.ClaimAsync(10)).Select(d => d.DeliveryId), Is.EqualTo(new[] { "d-1" }));
        Assert.That(Encoding.UTF8.GetString(await store.Inbox.ReadBodyAsync("d-1")), Is.EqualTo("first"));
    }

    [Test]
    public async Task A_delivery_taken_by_one_process_is_a_duplicate_at_another_and_its_decision_is_found_there()
    {
        await using var replicaA = Open();
        await using var replicaB = Open();

        Assert.That(await replicaA.Inbox.EnqueueAsync(Delivery("d-shared", "at A")), Is.EqualTo(EnqueueResult.Accepted));
        Assert.That(await replicaB.Inbox.EnqueueAsync(Delivery("d-shared", "at B")), Is.EqualTo(EnqueueResult.Duplicate));
        var appended = await replicaA.Decisions.AppendAsync(TestDatabase.Decision(1, deliveryId: "d-shared"));
        var found = await replicaB.Decisions.LatestForDeliveryAsync("d-shared");

        Assert.That(found, Is.Not.Null, "the redelivery's process sees it was already evaluated");
        Assert.That((found!.Seq, found.Hash, found.Record.HeadSha), Is.EqualTo((appended.Seq, appended.Hash, TestDatabase.Decision(1).HeadSha)));
        Assert.That(await replicaB.Decisions.LatestForDeliveryAsync("d-other"), Is.Null);
    }
}
