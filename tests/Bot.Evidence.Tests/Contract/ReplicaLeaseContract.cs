using Bot.Evidence.Inbox;

namespace Bot.Evidence.Tests.Contract;

/// <summary>
/// What several replicas on one store rely on, with two stores opened on one database as two processes have it: a change
/// recorded by both at once is one record, and a lease of periodic work is held by one of them at a time, passing to the
/// other only once it expired or was given back.
/// </summary>
[TestFixtureSource(typeof(StoreFixtures), nameof(StoreFixtures.All))]
public sealed class ReplicaLeaseContract(IStoreFixture fixture) : StoreContract(fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    [Test]
    public async Task The_same_change_recorded_by_two_stores_at_once_is_one_record()
    {
        await using var a = Open();
        await using var b = Open();
        var change = TestDatabase.Change(1);
        // Another change in the same batch is recorded whichever store wins; the same one twice in a batch counts once.
        var other = TestDatabase.Change(2);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? a : b).Changes.AppendNewAsync([change, change with { Repository = "ACME/Payments" }, other])));

        var appended = results.SelectMany(r => r).ToList();
        Assert.That(appended.Select(r => r.Record.ChangeId), Is.EquivalentTo(new[] { change.ChangeId, other.ChangeId }));
        Assert.That(appended.Select(r => r.At.Seq).Order(), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(await b.Changes.AppendNewAsync([change]), Is.Empty, "recorded already");
        using var output = new StringWriter();
        Assert.That(Store.Provider(clock: Clock).Chains.Verify(null, output), Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Contain("changes: ok 2 records"));
    }

    [Test]
    public async Task A_work_lease_is_held_by_one_store_until_it_expires_or_is_given_back()
    {
        await using var a = Open();
        await using var b = Open();

        var aTakes = await a.Leases.TryAcquireAsync("sweep", Lease);
        var bWhileHeld = await b.Leases.TryAcquireAsync("sweep", Lease);
        var bOtherLease = await b.Leases.TryAcquireAsync("deliveries", Lease);
        Clock.Now = Start + TimeSpan.FromSeconds(50);
        var aRenews = await a.Leases.TryAcquireAsync("sweep", Lease);
        Clock.Now = Start + TimeSpan.FromSeconds(100);
        var bBeforeRenewedExpiry = await b.Leases.TryAcquireAsync("sweep", Lease);
        Clock.Now = Start + TimeSpan.FromSeconds(111);
        var bAfterExpiry = await b.Leases.TryAcquireAsync("sweep", Lease);
        var aAfterTakeover = await a.Leases.TryAcquireAsync("sweep", Lease);
        await a.Leases.ReleaseAsync("sweep");
        var bStillHolds = await b.Leases.TryAcquireAsync("sweep", Lease);
        await b.Leases.ReleaseAsync("sweep");
        var aAfterRelease = await a.Leases.TryAcquireAsync("sweep", Lease);

        Assert.That((aTakes, bWhileHeld, bOtherLease), Is.EqualTo((true, false, true)));
        Assert.That((aRenews, bBeforeRenewedExpiry), Is.EqualTo((true, false)), "a renewal moves the expiry");
        Assert.That((bAfterExpiry, aAfterTakeover), Is.EqualTo((true, false)), "an expired lease is taken over");
        Assert.That((bStillHolds, aAfterRelease), Is.EqualTo((true, true)), "only the holder gives a lease back");
    }

    [Test]
    public async Task A_claim_records_its_holder_and_is_renewed_by_it()
    {
        await using var a = Open();
        await a.Inbox.EnqueueAsync(new InboundDelivery("d-1", "push", null, 42, "acme/payments", Start, "{}"u8.ToArray()));
        await a.Inbox.ClaimAsync(1);

        Clock.Now = Start + TimeSpan.FromSeconds(20);
        var renewed = await a.Inbox.RenewClaimsAsync();
        await a.Inbox.MarkProcessedAsync("d-1");
        var afterFinish = await a.Inbox.RenewClaimsAsync();

        Assert.That((renewed, afterFinish), Is.EqualTo((1, 0)), "a finished delivery is no longer held");
    }
}
