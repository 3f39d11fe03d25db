using System.Text;
using Bot.Evidence.Chain;
using Bot.Evidence.Inbox;
using Bot.Evidence.Storage;

namespace Bot.Evidence.Tests;

public sealed class StoreTests
{
    private TestDatabase _db = null!;

    [SetUp]
    public void SetUp() => _db = new TestDatabase();

    [TearDown]
    public void TearDown() => _db.Dispose();

    [Test]
    public async Task Writes_block_a_thread_of_their_own_not_a_thread_pool_thread()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_db.FilePath)!);
        var writer = new GroupCommitWriter(new SqliteDatabase(_db.FilePath), new ChainHasher(null));
        await using (writer)
        {
            var (onPool, name) = await writer.ExecuteAsync(_ => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name), CancellationToken.None);

            Assert.That(onPool, Is.False, "a commit blocks in fsync; on a pool thread it would hold up webhook requests");
            Assert.That(name, Is.EqualTo("evidence-writer"));
        }
        Assert.ThrowsAsync<ObjectDisposedException>(() => writer.ExecuteAsync(_ => 0, CancellationToken.None),
            "a write after the store is closed is refused, not lost in a queue nobody reads");
    }

    [Test]
    public async Task Eight_concurrent_writers_keep_one_valid_chain()
    {
        await using (var store = _db.Open())
        {
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                var seqs = new List<long>();
                for (var i = 0; i < 40; i++)
                {
                    seqs.Add((await store.Decisions.AppendAsync(TestDatabase.Decision((w * 100) + i))).Seq);
                }
                return seqs;
            }));
            var all = (await Task.WhenAll(writers)).SelectMany(s => s).Order().ToList();
            Assert.That(all, Is.EqualTo(Enumerable.Range(1, 320).Select(i => (long)i)));
        }

        Assert.That(VerifyRunner.Verify(_db.FilePath).Output, Does.StartWith("ok 320 records, head "));
    }

    [Test]
    public async Task The_chain_continues_across_restarts()
    {
        await using (var store = _db.Open())
        {
            await store.Decisions.AppendAsync(TestDatabase.Decision(1));
        }
        await using (var store = _db.Open())
        {
            var second = await store.Decisions.AppendAsync(TestDatabase.Decision(2));
            Assert.That(second.Seq, Is.EqualTo(2));
        }

        Assert.That(VerifyRunner.Verify(_db.FilePath).Exit, Is.EqualTo(0));
    }

    [Test]
    public async Task The_latest_decision_reads_back_every_field_as_recorded()
    {
        await using var store = _db.Open();
        await store.Inbox.EnqueueAsync(new InboundDelivery("d-7", "pull_request", "synchronize", 42, "acme/payments",
            DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes("{}")));
        var older = TestDatabase.Decision(3);
        var newer = TestDatabase.Decision(6, deliveryId: "d-7");
        await store.Decisions.AppendAsync(older);
        var appended = await store.Decisions.AppendAsync(newer);

        var byPr = await store.Decisions.LatestAsync("ACME/Payments", newer.PullRequestNumber);
        var byHead = await store.Decisions.LatestForHeadAsync("acme/payments", older.HeadSha);
        var none = await store.Decisions.LatestAsync("acme/payments", 999);

        Assert.That(byPr, Is.EqualTo(new Decisions.StoredDecision(appended.Seq, appended.Hash, newer)));
        Assert.That(byHead?.Record, Is.EqualTo(older));
        Assert.That(none, Is.Null);
    }

    [Test]
    public async Task A_decision_naming_a_delivery_that_was_never_received_is_refused()
    {
        await using var store = _db.Open();

        var error = Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
            store.Decisions.AppendAsync(TestDatabase.Decision(1, deliveryId: "not-in-inbox")));
        var next = await store.Decisions.AppendAsync(TestDatabase.Decision(2));

        Assert.That(error!.Message, Does.Contain("FOREIGN KEY"));
        Assert.That(next.Seq, Is.EqualTo(1), "the refused record took no place in the chain");
    }

    [Test]
    public async Task Invalid_records_fail_their_caller_with_a_clear_message()
    {
        await using var store = _db.Open();

        var badRepo = Assert.ThrowsAsync<ArgumentException>(() =>
            store.Decisions.AppendAsync(TestDatabase.Decision(1) with { Repository = "no-slash" }));
        var loneSurrogate = Assert.ThrowsAsync<ArgumentException>(() =>
            store.Decisions.AppendAsync(TestDatabase.Decision(1) with { Title = "bad \ud800 title" }));

        var badOverrideRepo = Assert.ThrowsAsync<ArgumentException>(() => store.Overrides.AppendAsync(new Bot.Evidence.Overrides.OverrideRecord
        {
            RecordedAt = DateTimeOffset.UnixEpoch, InstallationId = 1, Repository = "no-slash", PullRequestNumber = 1,
            HeadSha = new string('a', 40), Action = "override", ApproverId = 9, ApproverLogin = "dana",
            Reason = "a hotfix that cannot wait", FailedRulesJson = "[]", CommentId = 1,
        }));

        Assert.That(badRepo!.Message, Does.Contain("owner/name"));
        Assert.That(badOverrideRepo!.Message, Does.Contain("owner/name"), "every chain checks its repository the same way");
        Assert.That(loneSurrogate!.Message, Does.Contain("decisions.title"));
    }

    [Test]
    public async Task A_database_with_a_newer_schema_refuses_to_open_and_is_left_alone()
    {
        await using (_db.Open())
        {
        }
        _db.Sql("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'from the future', '2030-01-01T00:00:00.0000000Z')");

        var error = Assert.Throws<EvidenceSchemaException>(() => _db.Open());

        Assert.That(error!.Message, Does.Contain("schema version 99"));
        Assert.That(error.Message, Does.Contain($"newest this bot knows ({Migrator.LatestVersion})"));
        Assert.That(VerifyRunner.Verify(_db.FilePath).Output, Does.StartWith("error: ").And.Contain("newer"));
    }

    [Test]
    public async Task Opening_applies_each_migration_once_and_sets_the_durable_modes()
    {
        await using (_db.Open())
        {
        }
        await using (_db.Open())
        {
        }

        using var connection = _db.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_version";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.That(reader.GetInt64(0), Is.EqualTo(Migrator.All.Count));
        Assert.That(reader.GetInt64(1), Is.EqualTo(Migrator.LatestVersion));
        reader.Close();
        command.CommandText = "PRAGMA journal_mode";
        Assert.That(command.ExecuteScalar(), Is.EqualTo("wal"));
    }

    [Test]
    public async Task A_database_chained_with_one_key_refuses_another_or_none()
    {
        byte[] key = [.. Enumerable.Repeat((byte)7, 32)];
        await using (var store = _db.Open(key))
        {
            await store.Decisions.AppendAsync(TestDatabase.Decision(1));
        }

        var noKey = Assert.Throws<EvidenceSchemaException>(() => _db.Open());
        var otherKey = Assert.Throws<EvidenceSchemaException>(() => _db.Open([.. Enumerable.Repeat((byte)8, 32)]));

        Assert.That(noKey!.Message, Does.Contain("no HMAC key is set"));
        Assert.That(otherKey!.Message, Does.Contain("chained with key 'hmac-sha256:"));
        Assert.That(otherKey.Message, Does.Not.Contain("0707070707"), "the key itself is never shown");
    }

    [Test]
    public async Task A_new_chain_refuses_a_key_under_32_bytes_and_a_chain_started_with_one_still_opens()
    {
        byte[] shortKey = [.. Enumerable.Repeat((byte)5, 31)];

        var refused = Assert.Throws<EvidenceSchemaException>(() => _db.Open(shortKey));
        Assert.That(refused!.Message, Does.Contain("an HMAC key of 31 bytes; a new chain needs at least 32"));

        // A file an older version started with a short key stays usable: its key is already recorded.
        _db.Sql($"INSERT INTO chain_settings (name, value) VALUES ('chain_key_id', '{ChainKeyGuard.KeyId(shortKey)}')");
        await using var store = _db.Open(shortKey);
        await store.Decisions.AppendAsync(TestDatabase.Decision(1));
        Assert.That(VerifyRunner.Verify(_db.FilePath, shortKey).Exit, Is.Zero);
    }
}
