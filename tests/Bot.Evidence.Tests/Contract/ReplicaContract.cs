using System.Text;
using Bot.Evidence.Chain;
using Bot.Evidence.CheckRuns;
using Bot.Evidence.Inbox;

namespace Bot.Evidence.Tests.Contract;

/// <summary>
/// Two stores opened on one database, as two replicas (two processes, two connection pools) have it: appends from both
/// still make one linear chain, a delivery is claimed by one of them, a comment's override is recorded once, and what one
/// saved the other reads. On SQLite the file's write lock does the serialising; on PostgreSQL the database does.
/// </summary>
[TestFixtureSource(typeof(StoreFixtures), nameof(StoreFixtures.All))]
public sealed class ReplicaContract(IStoreFixture fixture) : StoreContract(fixture)
{
    [Test]
    public async Task Concurrent_appends_from_two_stores_make_one_linear_chain()
    {
        const int each = 40;
        IReadOnlyList<AppendedRecord>[] appended;
        await using (var a = Open())
        await using (var b = Open())
        {
            appended = await Task.WhenAll(
                AppendOneByOneAsync(a, 1, each),
                AppendOneByOneAsync(b, 1001, each),
                a.Decisions.AppendManyAsync([.. Enumerable.Range(2001, 5).Select(n => TestDatabase.Decision(n))]),
                b.Decisions.AppendManyAsync([.. Enumerable.Range(3001, 5).Select(n => TestDatabase.Decision(n))]));
        }

        using var output = new StringWriter();
        var exit = Store.Provider(clock: Clock).Chains.Verify(null, output);

        var seqs = appended.SelectMany(r => r).Select(r => r.Seq).Order().ToList();
        Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, (2 * each) + 10).Select(n => (long)n)), "every append got its own place, none lost");
        Assert.That(exit, Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.StartWith($"ok {(2 * each) + 10} records, head {appended.SelectMany(r => r).MaxBy(r => r.Seq)!.Hash}"));
        // A batch is consecutive: nothing of the other replica lands inside it.
        foreach (var batch in appended.Skip(2))
        {
            Assert.That(batch.Select(r => r.Seq), Is.EqualTo(Enumerable.Range((int)batch[0].Seq, 5).Select(n => (long)n)));
        }
    }

    private static async Task<IReadOnlyList<AppendedRecord>> AppendOneByOneAsync(IEvidenceStore store, int first, int count)
    {
        var records = new List<AppendedRecord>();
        for (var n = first; n < first + count; n++)
        {
            records.Add(await store.Decisions.AppendAsync(TestDatabase.Decision(n)));
        }
        return records;
    }

    [Test]
    public async Task Two_stores_claiming_at_once_never_claim_one_delivery_twice()
    {
        const int deliveries = 60;
        await using var a = Open();
        await using var b = Open();
        for (var i = 0; i < deliveries; i++)
        {
            await (i % 2 == 0 ? a : b).Inbox.EnqueueAsync(new InboundDelivery($"d-{i}", "push", null, 42, "acme/payments", Start, "{}"u8.ToArray()));
        }

        var claimed = await Task.WhenAll(ClaimAllAsync(a), ClaimAllAsync(b));

        var all = claimed.SelectMany(c => c).ToList();
        Assert.That(all, Has.Count.EqualTo(deliveries));
        Assert.That(all.Distinct().ToList(), Has.Count.EqualTo(deliveries), "a delivery was claimed by both");
    }

    private static async Task<List<string>> ClaimAllAsync(IEvidenceStore store)
    {
        var ids = new List<string>();
        while (await store.Inbox.ClaimAsync(3) is { Count: > 0 } batch)
        {
            ids.AddRange(batch.Select(c => c.DeliveryId));
            await Task.Yield();
        }
        return ids;
    }

    [Test]
    public async Task A_redelivery_to_the_other_replica_adds_nothing()
    {
        await using var a = Open();
        await using var b = Open();
        var delivery = new InboundDelivery("d-1", "push", null, 42, "acme/payments", Start, Encoding.UTF8.GetBytes("{}"));

        var first = await a.Inbox.EnqueueAsync(delivery);
        var again = await b.Inbox.EnqueueAsync(delivery);

        Assert.That((first, again), Is.EqualTo((EnqueueResult.Accepted, EnqueueResult.Duplicate)));
        Assert.That(await b.Inbox.CountPendingAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task One_comment_carried_to_both_replicas_at_once_is_recorded_once()
    {
        await using var a = Open();
        await using var b = Open();

        var results = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? a : b).Overrides.AppendAsync(TestDatabase.Override(1))));

        Assert.That(results.Count(r => r is not null), Is.EqualTo(1));
        Assert.That(await b.Overrides.ExistsForCommentAsync("ACME/Payments", 5001), Is.True, "repositories compare case-insensitively");
    }

    [Test]
    public async Task The_check_run_cache_is_shared_and_keyed_case_insensitively_by_repository()
    {
        await using var a = Open();
        await using var b = Open();

        await a.CheckRuns.SaveAsync(new CheckRunEntry("acme/payments", "abc", 1, "completed", "failure", "t1", "s1", Start));
        await b.CheckRuns.SaveAsync(new CheckRunEntry("Acme/Payments", "abc", 2, "completed", "success", "t2", "s2", Start.AddMinutes(1)));

        var entry = await a.CheckRuns.GetAsync("ACME/payments", "abc");
        Assert.That(entry, Is.Not.Null);
        Assert.That((entry!.CheckRunId, entry.Conclusion, entry.UpdatedAt), Is.EqualTo((2L, (string?)"success", Start.AddMinutes(1))));
    }
}
