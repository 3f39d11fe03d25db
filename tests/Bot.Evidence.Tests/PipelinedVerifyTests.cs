using Bot.Evidence.Chain;
using Bot.Evidence.Decisions;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Tests;

/// <summary>
/// verify hashes batches of records on worker threads and checks the links in order afterwards. These chains span many
/// batches (and more batches than are ever in flight, so batches are reused), and the report must still be the first
/// broken record, expected vs found, whatever the number of workers.
/// </summary>
public sealed class PipelinedVerifyTests
{
    private const int Records = 1800;
    private TestDatabase _db = null!;
    private IReadOnlyList<AppendedRecord> _appended = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = new TestDatabase();
        await using var store = _db.Open();
        _appended = await store.Decisions.AppendManyAsync([.. Enumerable.Range(1, Records).Select(n => TestDatabase.Decision(n))]);
    }

    [TearDown]
    public void TearDown() => _db.Dispose();

    private ChainVerification Verify(int workers, ChainCheckpoint? checkpoint = null)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _db.FilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        return ChainVerifier.Verify(connection, DecisionsTable.Table, new ChainHasher(null), checkpoint, workers);
    }

    private static IEnumerable<int> Workers => [1, 2, 5];

    [TestCaseSource(nameof(Workers))]
    public void A_long_untouched_chain_verifies_to_its_head(int workers)
    {
        var result = Verify(workers);

        Assert.That(result.Break, Is.Null);
        Assert.That(result.Records, Is.EqualTo(Records));
        Assert.That(result.HeadHash, Is.EqualTo(_appended[^1].Hash));
    }

    [TestCaseSource(nameof(Workers))]
    public void Of_two_changed_records_in_different_batches_the_lower_is_reported(int workers)
    {
        _db.DropEvidenceTriggers();
        _db.Sql("UPDATE decisions SET title = 'late' WHERE seq = 1700; UPDATE decisions SET check_run_id = NULL WHERE seq = 1299");

        var result = Verify(workers);

        Assert.That(result.Break, Is.Not.Null);
        Assert.That(result.Break!.Seq, Is.EqualTo(1299));
        Assert.That(result.Break.Field, Is.EqualTo("hash"));
        Assert.That(result.Break.Found, Is.EqualTo(_appended[1298].Hash));
        Assert.That(result.Break.Expected, Is.Not.EqualTo(_appended[1298].Hash).And.Length.EqualTo(64));
        Assert.That(result.Records, Is.EqualTo(1298));
        Assert.That(result.HeadHash, Is.EqualTo(_appended[1297].Hash));
    }

    [Test]
    public void The_recomputed_hash_reported_is_the_one_of_the_changed_record()
    {
        // Change a record, then recompute what its hash must be with the appender's encoder: verify reports exactly that.
        _db.DropEvidenceTriggers();
        _db.Sql("UPDATE decisions SET repository = 'acme/other' WHERE seq = 777");
        var changed = TestDatabase.Decision(777) with { Repository = "acme/other" };
        var writer = new CanonicalJsonWriter();
        var reader = new ObjectArrayValueReader(DecisionsTable.ToRow(changed), new byte[256]);
        ChainRecordEncoder.Encode(writer, DecisionsTable.Table, 777, Convert.FromHexString(_appended[775].Hash), ref reader);
        var expected = new byte[ChainHasher.HashSize];
        new ChainHasher(null).Compute(writer.WrittenSpan, expected);

        var result = Verify(2);

        Assert.That(result.Break, Is.EqualTo(new ChainBreak(777, "hash", ChainHasher.ToHex(expected), _appended[776].Hash)));
    }

    [Test]
    public void A_prev_hash_in_upper_case_is_a_broken_link_not_an_equal_one()
    {
        _db.DropEvidenceTriggers();
        _db.Sql("UPDATE decisions SET prev_hash = upper(prev_hash) WHERE seq = 900");

        var result = Verify(2);

        Assert.That(result.Break, Is.EqualTo(new ChainBreak(900, "prev_hash", _appended[898].Hash, _appended[898].Hash.ToUpperInvariant())));
    }

    [Test]
    public void An_empty_string_where_null_was_recorded_breaks_the_hash()
    {
        _db.DropEvidenceTriggers();
        _db.Sql("PRAGMA foreign_keys = OFF; UPDATE decisions SET delivery_id = '' WHERE seq = 1024");

        var result = Verify(2);

        Assert.That(result.Break?.Seq, Is.EqualTo(1024));
        Assert.That(result.Break?.Field, Is.EqualTo("hash"));
    }

    [Test]
    public void A_gap_deep_in_the_chain_is_reported_before_a_later_changed_record()
    {
        _db.DropEvidenceTriggers();
        _db.Sql("DELETE FROM decisions WHERE seq = 1025; UPDATE decisions SET title = 'x' WHERE seq = 1600");

        var result = Verify(2);

        Assert.That(result.Break, Is.EqualTo(new ChainBreak(1025, "seq", "1025", "1026 (a record is missing or out of order)")));
        Assert.That(result.Records, Is.EqualTo(1024));
    }

    [Test]
    public void A_checkpoint_in_a_late_batch_is_compared_with_the_stored_hash()
    {
        var good = Verify(2, new ChainCheckpoint(1500, _appended[1499].Hash, "t"));
        var wrong = Verify(2, new ChainCheckpoint(1500, _appended[1498].Hash, "t"));

        Assert.That(good.Break, Is.Null);
        Assert.That(wrong.Break, Is.EqualTo(new ChainBreak(1500, "hash (decisions checkpoint)", _appended[1498].Hash, _appended[1499].Hash)));
    }
}
