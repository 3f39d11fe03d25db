using System.Text;
using Bot.Evidence.Inbox;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Tests;

public sealed class InboxTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private TestDatabase _db = null!;
    private ManualClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _db = new TestDatabase();
        _clock = new ManualClock(Start);
    }

    [TearDown]
    public void TearDown() => _db.Dispose();

    private static InboundDelivery Delivery(string id, string body = """{"action":"opened"}""") =>
        new(id, "pull_request", "opened", 42, "acme/payments", Start, Encoding.UTF8.GetBytes(body));

    [Test]
    public async Task Counts_by_state_cover_every_state()
    {
        await using var store = _db.Open(clock: _clock);
        foreach (var id in new[] { "p1", "p2", "ok", "bad", "skip" })
        {
            await store.Inbox.EnqueueAsync(Delivery(id));
        }
        await store.Inbox.EnqueueIgnoredAsync(Delivery("ignored-at-door"));
        var claimed = await store.Inbox.ClaimAsync(10);
        await store.Inbox.MarkProcessedAsync("ok");
        await store.Inbox.MarkFailedAsync("bad", "policy file unreadable");
        await store.Inbox.MarkIgnoredAsync("skip");

        var counts = await store.Inbox.CountByStateAsync();

        Assert.That(claimed.Select(c => c.DeliveryId), Is.EqualTo(new[] { "p1", "p2", "ok", "bad", "skip" }));
        Assert.That(counts, Is.EquivalentTo(new Dictionary<DeliveryState, long>
        {
            [DeliveryState.Pending] = 0,
            [DeliveryState.Processing] = 2,
            [DeliveryState.Processed] = 1,
            [DeliveryState.Failed] = 1,
            [DeliveryState.Ignored] = 2,
        }));
    }

    [Test]
    public async Task Marking_a_delivery_that_is_not_being_processed_is_an_error()
    {
        await using var store = _db.Open(clock: _clock);
        await store.Inbox.EnqueueAsync(Delivery("never-claimed"));

        var error = Assert.ThrowsAsync<DeliveryNotClaimedException>(() => store.Inbox.MarkProcessedAsync("never-claimed"));
        Assert.ThrowsAsync<DeliveryNotClaimedException>(() => store.Inbox.MarkFailedAsync("unknown", "x"));

        Assert.That(error!.Message, Does.Contain("never-claimed"));
    }

    [Test]
    public async Task The_received_delivery_cannot_be_changed_or_deleted_but_its_state_can()
    {
        await using (var store = _db.Open(clock: _clock))
        {
            await store.Inbox.EnqueueAsync(Delivery("d-body"));
        }

        var body = Assert.Throws<SqliteException>(() => _db.Sql("UPDATE deliveries SET body = x'00' WHERE delivery_guid = 'd-body'"));
        var storedBody = Assert.Throws<SqliteException>(() => _db.Sql("UPDATE delivery_bodies SET body = x'00'"));
        var deletedBody = Assert.Throws<SqliteException>(() => _db.Sql("DELETE FROM delivery_bodies"));
        var guid = Assert.Throws<SqliteException>(() => _db.Sql("UPDATE deliveries SET delivery_guid = 'other'"));
        var evt = Assert.Throws<SqliteException>(() => _db.Sql("UPDATE deliveries SET event = 'push'"));
        var delete = Assert.Throws<SqliteException>(() => _db.Sql("DELETE FROM deliveries"));
        _db.Sql("UPDATE deliveries SET state = 'failed', last_error = 'by hand'");

        Assert.That(body!.Message, Does.Contain("cannot be changed"));
        Assert.That(guid!.Message, Does.Contain("cannot be changed"));
        Assert.That(evt!.Message, Does.Contain("cannot be changed"));
        Assert.That(delete!.Message, Does.Contain("cannot be deleted"));
        Assert.That(storedBody!.Message, Does.Contain("cannot be changed"));
        Assert.That(deletedBody!.Message, Does.Contain("cannot be deleted"));
        await using var reopened = _db.Open(clock: _clock);
        Assert.That((await reopened.Inbox.CountByStateAsync())[DeliveryState.Failed], Is.EqualTo(1));
        Assert.That(await reopened.Inbox.ReadBodyAsync("d-body"), Is.EqualTo(Delivery("d-body").Body), "the body survives state changes");
    }

    [Test]
    public async Task A_delivery_received_before_bodies_had_their_own_table_keeps_its_body()
    {
        await using var store = _db.Open(clock: _clock);
        // Schema version 3 and older stored the body in the deliveries row itself.
        _db.Sql("""
            INSERT INTO deliveries (delivery_guid, event, received_at, body, state)
            VALUES ('d-old', 'pull_request', '2026-01-01T00:00:00.0000000Z', CAST('old body' AS BLOB), 'pending')
            """);

        Assert.That(Encoding.UTF8.GetString(await store.Inbox.ReadBodyAsync("d-old")), Is.EqualTo("old body"));
        Assert.ThrowsAsync<InvalidOperationException>(() => store.Inbox.ReadBodyAsync("d-unknown"));
    }

    [TestCase(120, TestName = "A_webhook_sized_body_is_stored_compressed_and_read_back_byte_for_byte(14 KB)")]
    [TestCase(20_000, TestName = "A_webhook_sized_body_is_stored_compressed_and_read_back_byte_for_byte(2.4 MB)")]
    public async Task A_webhook_sized_body_is_stored_compressed_and_read_back_byte_for_byte(int commits)
    {
        await using var store = _db.Open(clock: _clock);
        // Shaped like GitHub's payloads: repeated objects with URLs and ids.
        var json = new StringBuilder("""{"action":"opened","pull_request":{"commits":[""");
        for (var i = 0; i < commits; i++)
            json.Append(i == 0 ? "" : ",").Append($$$"""{"id":{{{1000 + i}}},"url":"https://api.github.com/repos/acme/payments/commits/{{{i:x40}}}","author":{"login":"user{{{i % 7}}}"}}""");
        json.Append("]}}");
        var received = Delivery("d-big", json.ToString());

        await store.Inbox.EnqueueAsync(received);

        var (storedLength, encoding) = StoredBody("d-big");
        Assert.That(encoding, Is.EqualTo("br"));
        Assert.That(storedLength, Is.LessThan(received.Body.Length / 4), $"{received.Body.Length} bytes received");
        Assert.That(await store.Inbox.ReadBodyAsync("d-big"), Is.EqualTo(received.Body));
    }

    [Test]
    public async Task A_body_compression_would_not_shrink_is_stored_as_received()
    {
        await using var store = _db.Open(clock: _clock);
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);
        await store.Inbox.EnqueueAsync(Delivery("d-small", """{"action":"opened"}"""));
        await store.Inbox.EnqueueAsync(Delivery("d-noise") with { Body = noise });

        Assert.That(StoredBody("d-small"), Is.EqualTo((19L, (string?)null)));
        Assert.That(StoredBody("d-noise"), Is.EqualTo((4096L, (string?)null)));
        Assert.That(await store.Inbox.ReadBodyAsync("d-small"), Is.EqualTo(Delivery("d-small").Body));
        Assert.That(await store.Inbox.ReadBodyAsync("d-noise"), Is.EqualTo(noise));
        var unknown = Assert.Throws<SqliteException>(() => _db.Sql(
            "INSERT INTO delivery_bodies (delivery_id, body, encoding) SELECT MAX(id) + 1, x'00', 'gzip' FROM deliveries"));
        Assert.That(unknown!.Message, Does.Contain("CHECK constraint failed"), "only known encodings can be stored");
    }

    private (long Length, string? Encoding) StoredBody(string deliveryId)
    {
        using var connection = _db.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT length(b.body), b.encoding FROM delivery_bodies b JOIN deliveries d ON d.id = b.delivery_id
            WHERE d.delivery_guid = $guid
            """;
        command.Parameters.AddWithValue("$guid", deliveryId);
        using var reader = command.ExecuteReader();
        Assert.That(reader.Read(), Is.True, $"a stored body for {deliveryId}");
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    [Test]
    public async Task Only_what_is_acknowledged_or_recorded_waits_for_its_own_fsync()
    {
        await using var store = _db.Open(clock: _clock);
        await store.Inbox.RecoverAsync();
        var before = store.Commits;

        await store.Inbox.EnqueueAsync(Delivery("d-sync"));
        var afterInsert = store.Commits;
        var claimed = await store.Inbox.ClaimAsync(1);
        await store.Inbox.MarkProcessedAsync(claimed[0].DeliveryId);
        var afterBookkeeping = store.Commits;
        await store.Decisions.AppendAsync(TestDatabase.Decision(1, "d-sync"));
        var afterEvidence = store.Commits;

        Assert.That(afterInsert, Is.EqualTo((before.Synced + 1, before.Unsynced)), "a delivery is on disk before its 202");
        Assert.That(afterBookkeeping, Is.EqualTo((afterInsert.Synced, afterInsert.Unsynced + 2)), "claim and mark share the next fsync");
        Assert.That(afterEvidence, Is.EqualTo((afterBookkeeping.Synced + 1, afterBookkeeping.Unsynced)), "an evidence record is on disk when appended");
        await using var reopened = _db.Open(clock: _clock);
        Assert.That((await reopened.Inbox.CountByStateAsync())[DeliveryState.Processed], Is.EqualTo(1), "unsynced commits are still commits");
    }
}
