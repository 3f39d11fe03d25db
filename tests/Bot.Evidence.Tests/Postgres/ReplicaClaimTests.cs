using Bot.Evidence.Inbox;
using Bot.TestSupport.Postgres;

namespace Bot.Evidence.Tests.Postgres;

/// <summary>
/// Several replicas on one PostgreSQL store (two stores, two connection pools, two replica ids): a starting replica leaves
/// the claims of a live one alone, a claim whose lease expired (its replica died) is taken over by the next claim without
/// a restart, and the replica that lost it can no longer finish it; evaluations of one pull request wait for each other.
/// (SQLite has one process per file: its recovery at start takes every claim, and its evaluation lock is the process's.)
/// </summary>
public sealed class ReplicaClaimTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private PostgresCluster _cluster = null!;
    private string _connectionString = null!;
    private ManualClock _clock = null!;

    [SetUp]
    public void CreateDatabase()
    {
        _cluster = PostgresCluster.Acquire();
        _connectionString = _cluster.CreateDatabase();
        _clock = new ManualClock(Start);
    }

    [TearDown]
    public void DropDatabase() => _cluster.DropDatabase(_connectionString);

    private IEvidenceStore Replica(string id) => EvidenceProviders.For(new EvidenceStoreOptions
    {
        Provider = EvidenceProviders.Postgres,
        ConnectionString = _connectionString,
        Clock = _clock,
        ReplicaId = id,
        ClaimLease = Lease,
    }).Open();

    private static InboundDelivery Delivery(string id) => new(id, "push", null, 42, "acme/payments", Start, "{}"u8.ToArray());

    [Test]
    public async Task A_starting_replica_leaves_a_live_replicas_claims_alone()
    {
        await using var a = Replica("a");
        await a.Inbox.EnqueueAsync(Delivery("d-1"));
        await a.Inbox.ClaimAsync(1);
        _clock.Now = Start + TimeSpan.FromSeconds(40);
        await a.Inbox.RenewClaimsAsync();

        _clock.Now = Start + TimeSpan.FromSeconds(90);
        await using var b = Replica("b");
        var recovered = await b.Inbox.RecoverAsync();
        var claimed = await b.Inbox.ClaimAsync(10);
        await a.Inbox.MarkProcessedAsync("d-1");

        Assert.That((recovered, claimed.Count), Is.EqualTo((0, 0)), "a renewed claim is still a's at 90 s");
    }

    [Test]
    public async Task A_dead_replicas_delivery_is_taken_over_once_its_claim_expired()
    {
        await using var a = Replica("a");
        await using var b = Replica("b");
        await a.Inbox.EnqueueAsync(Delivery("d-1"));
        await a.Inbox.EnqueueAsync(Delivery("d-2"));
        Assert.That((await a.Inbox.ClaimAsync(1)).Single().DeliveryId, Is.EqualTo("d-1"));

        _clock.Now = Start + TimeSpan.FromSeconds(59);
        var beforeExpiry = await b.Inbox.ClaimAsync(10);
        _clock.Now = Start + TimeSpan.FromSeconds(61);
        var afterExpiry = await b.Inbox.ClaimAsync(10);

        Assert.That(beforeExpiry.Select(d => d.DeliveryId), Is.EqualTo(new[] { "d-2" }));
        Assert.That(afterExpiry.Select(d => (d.DeliveryId, d.Attempts)), Is.EqualTo(new[] { ("d-1", 2) }), "taken over, without a restart");
        Assert.ThrowsAsync<DeliveryNotClaimedException>(() => a.Inbox.MarkProcessedAsync("d-1"), "a's claim is gone");
        Assert.That(await a.Inbox.RenewClaimsAsync(), Is.Zero, "a renews nothing of b's");
        await b.Inbox.MarkProcessedAsync("d-1");
        Assert.That((await b.Inbox.CountByStateAsync())[DeliveryState.Processed], Is.EqualTo(1));
    }

    [Test]
    public async Task A_replica_restarted_recovers_only_expired_claims()
    {
        var dead = Replica("dead");
        await dead.Inbox.EnqueueAsync(Delivery("d-1"));
        await dead.Inbox.ClaimAsync(1);
        await dead.DisposeAsync();

        await using var restarted = Replica("restarted");
        var atOnce = await restarted.Inbox.RecoverAsync();
        _clock.Now = Start + TimeSpan.FromSeconds(61);
        var afterExpiry = await restarted.Inbox.RecoverAsync();

        Assert.That((atOnce, afterExpiry), Is.EqualTo((0, 1)));
        Assert.That((await restarted.Inbox.ClaimAsync(1)).Single().DeliveryId, Is.EqualTo("d-1"));
    }

    [Test]
    public async Task Evaluations_of_one_pull_request_wait_for_each_other_across_replicas()
    {
        await using var a = Replica("a");
        await using var b = Replica("b");

        var held = await a.EvaluationLocks.AcquireAsync("acme/payments", 7);
        var waiting = b.EvaluationLocks.AcquireAsync("ACME/Payments", 7);
        await using (await b.EvaluationLocks.AcquireAsync("acme/payments", 8))
        {
            // Another pull request is not held up.
        }
        var finishedWhileHeld = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(500))) == waiting;
        await held.DisposeAsync();
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(finishedWhileHeld, Is.False, "b waited for a (repositories compare case-insensitively)");
    }
}
