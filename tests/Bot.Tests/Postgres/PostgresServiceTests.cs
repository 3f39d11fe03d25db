using Bot.Evidence;
using Bot.Evidence.Decisions;
using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.Tests.Support;
using Bot.TestSupport.Postgres;

namespace Bot.Tests.Postgres;

/// <summary><c>bot serve</c> on PostgreSQL (<c>Evidence:Provider=postgres</c>): the real webhook path stores the delivery,
/// evaluates it and records the decision in the database, whose chain <c>bot verify</c> recomputes; a redelivery of the
/// same GUID adds nothing.</summary>
public sealed class PostgresServiceTests
{
    private const string Repo = "octo/app";
    private static readonly FakeUser Alice = new(100, "alice");
    private static readonly FakeUser Bob = new(200, "bob");
    private PostgresCluster _cluster = null!;
    private string _connectionString = null!;
    private BotUnderTest _bot = null!;

    [OneTimeSetUp]
    public void StartCluster() => _cluster = PostgresCluster.Acquire();

    [SetUp]
    public async Task SetUp()
    {
        _connectionString = _cluster.CreateDatabase();
        _bot = await BotUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Evidence:Provider"] = "postgres",
            ["Evidence:ConnectionString"] = _connectionString,
        });
        _bot.GitHub.AddRepository(Repo);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _bot.DisposeAsync();
        _cluster.DropDatabase(_connectionString);
    }

    [Test]
    public async Task A_pull_request_is_decided_and_its_decision_chained_in_postgres()
    {
        var head = "7".PadRight(40, 'c');
        var pr = _bot.GitHub.AddPullRequest(Repo, 7, Alice, head, body: """
            - [ ] This change includes AI-assisted code
            - [x] This change does not include AI-assisted code
            """);
        _bot.GitHub.AddCommit(pr, head, "Plain change\n", Alice);
        _bot.GitHub.AddFile(pr, "src/a.cs");
        _bot.GitHub.AddReview(pr, Bob, "APPROVED");
        var body = WebhookPayloads.PullRequest("opened", Repo, 7, head);

        var deliveryId = Guid.NewGuid().ToString();

        var first = await _bot.SendAsync("pull_request", body, deliveryId);
        Assert.That(await BotUnderTest.EventuallyAsync(() => _bot.GitHub.CheckRuns(Repo).Any(r => r.HeadSha == head && r.Status == "completed")), Is.True);
        var again = await _bot.SendAsync("pull_request", body, deliveryId);
        Assert.That(await BotUnderTest.EventuallyAsync(async () => (await _bot.Store.Inbox.CountPendingAsync()) == 0), Is.True);

        Assert.That(_bot.GitHub.CheckRuns(Repo).Where(r => r.HeadSha == head).Select(r => r.Conclusion), Is.EqualTo(new[] { "success" }));
        StoredDecision? decision = null;
        Assert.That(await BotUnderTest.EventuallyAsync(async () => (decision = await _bot.Store.Decisions.LatestAsync(Repo, 7)) is not null), Is.True);
        Assert.That((decision!.Record.HeadSha, decision.Record.Conclusion), Is.EqualTo((head, "success")));
        Assert.That(((int)first.StatusCode, (int)again.StatusCode), Is.EqualTo((202, 200)));
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("duplicate"), "the redelivery was recognised in the shared inbox");
        using var output = new StringWriter();
        var provider = EvidenceProviders.For(new EvidenceStoreOptions
        {
            Provider = EvidenceProviders.Postgres,
            ConnectionString = _connectionString,
            HmacKey = System.Text.Encoding.UTF8.GetBytes(BotUnderTest.HmacKey),
        });
        Assert.That(provider.Chains.Verify(null, output), Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.StartWith($"ok {decision.Seq} records, head "));
        Assert.That((await _bot.Store.Inbox.CountByStateAsync())[DeliveryState.Processed], Is.EqualTo(1));
    }
}
