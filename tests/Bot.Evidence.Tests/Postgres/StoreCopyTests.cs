using System.Text;
using Bot.Evidence.CheckRuns;
using Bot.Evidence.Deliveries;
using Bot.Evidence.Inbox;
using Bot.Evidence.Postgres;
using Bot.TestSupport.Postgres;

namespace Bot.Evidence.Tests.Postgres;

/// <summary><c>bot store copy</c>: a SQLite store moved into PostgreSQL verifies to the same heads, and the service goes on
/// where it left off (the next seq, the next delivery id, the inbox's bodies, the cache and the deliveries pass's mark).</summary>
public sealed class StoreCopyTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private PostgresCluster _cluster = null!;
    private string _connectionString = null!;
    private TestDatabase _sqlite = null!;

    [OneTimeSetUp]
    public void Start() => _cluster = PostgresCluster.Acquire();

    [SetUp]
    public void NewStores()
    {
        _connectionString = _cluster.CreateDatabase();
        _sqlite = new TestDatabase();
    }

    [TearDown]
    public void DropStores()
    {
        _cluster.DropDatabase(_connectionString);
        _sqlite.Dispose();
    }

    private IEvidenceProvider Postgres() => EvidenceProviders.For(new EvidenceStoreOptions
    {
        Provider = EvidenceProviders.Postgres, ConnectionString = _connectionString, HmacKey = Key,
    });

    private static InboundDelivery Delivery(int n) => new($"d-{n}", "pull_request", "opened", 42, "acme/payments", At.AddSeconds(n),
        Encoding.UTF8.GetBytes(n % 2 == 0 ? "{}" : "{\"padding\":\"" + new string('x', 3000) + "\"}"), PullRequestNumber: 7);

    private async Task FillSqliteAsync()
    {
        await using var store = _sqlite.Open(Key);
        for (var n = 1; n <= 6; n++)
        {
            await store.Inbox.EnqueueAsync(Delivery(n));
        }
        await store.Inbox.ClaimAsync(2);
        await store.Inbox.MarkProcessedAsync("d-1");
        await store.Decisions.AppendManyAsync([.. Enumerable.Range(1, 20).Select(n => TestDatabase.Decision(n, n <= 6 ? $"d-{n}" : null))]);
        await store.Changes.AppendManyAsync([.. Enumerable.Range(1, 5).Select(TestDatabase.Change)]);
        await store.Overrides.AppendAsync(TestDatabase.Override(1));
        await store.MergeGroups.AppendAsync(TestDatabase.MergeGroup(1));
        await store.CheckRuns.SaveAsync(new CheckRunEntry("acme/payments", "abc", 77, "completed", "success", "ok", "s", At));
        await store.RecordedDeliveries.SaveMarkAsync(new RecordedDeliveriesMark(900, At, At.AddMinutes(5)));
        await store.RecordedDeliveries.AppendRetentionGapAsync(new DeliveryRetentionGap(At.AddDays(-9), At.AddDays(-2), At));
    }

    private static string Verify(IEvidenceProvider provider)
    {
        using var output = new StringWriter();
        Assert.That(provider.Chains.Verify(null, output), Is.Zero, output.ToString());
        return output.ToString();
    }

    private (int Exit, string Output, string Error) Copy()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = SqliteToPostgresCopy.Copy(_sqlite.FilePath, _connectionString, Key, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public async Task The_copy_verifies_to_the_same_heads_and_the_service_goes_on_where_it_left_off()
    {
        await FillSqliteAsync();
        var sqliteVerify = Verify(EvidenceProviders.For(new EvidenceStoreOptions { DatabasePath = _sqlite.FilePath, HmacKey = Key }));

        var (exit, output, error) = Copy();

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("decisions: 20 rows").And.Contain("deliveries: 6 rows"));
        Assert.That(Verify(Postgres()), Is.EqualTo(sqliteVerify));
        Assert.That(sqliteVerify, Does.StartWith("ok 20 records"));
        await using var store = Postgres().Open();
        Assert.That((await store.Decisions.AppendAsync(TestDatabase.Decision(21))).Seq, Is.EqualTo(21));
        Assert.That(await store.Inbox.EnqueueAsync(Delivery(7)), Is.EqualTo(EnqueueResult.Accepted), "the next delivery id follows the copied ones");
        Assert.That(await store.Inbox.EnqueueAsync(Delivery(3)), Is.EqualTo(EnqueueResult.Duplicate));
        Assert.That(await store.Inbox.ReadBodyAsync("d-5"), Is.EqualTo(Delivery(5).Body), "a compressed body comes back as received");
        var counts = await store.Inbox.CountByStateAsync();
        Assert.That((counts[DeliveryState.Processed], counts[DeliveryState.Processing], counts[DeliveryState.Pending]), Is.EqualTo((1L, 1L, 5L)));
        Assert.That((await store.CheckRuns.GetAsync("Acme/Payments", "abc"))?.CheckRunId, Is.EqualTo(77));
        Assert.That(await store.RecordedDeliveries.MarkAsync(), Is.EqualTo(new RecordedDeliveriesMark(900, At, At.AddMinutes(5))));
        Assert.That(await store.Overrides.ExistsForCommentAsync("acme/payments", 5001), Is.True);
    }

    [Test]
    public async Task A_target_that_holds_a_store_already_is_refused_and_left_as_it_was()
    {
        await FillSqliteAsync();
        await using (var other = Postgres().Open())
        {
            await other.Decisions.AppendAsync(TestDatabase.Decision(99));
        }
        var before = Verify(Postgres());

        var (exit, _, error) = Copy();

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("is not empty"));
        Assert.That(Verify(Postgres()), Is.EqualTo(before));
    }
}
