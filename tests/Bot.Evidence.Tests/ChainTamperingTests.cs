using Bot.Evidence.Chain;
using Bot.Evidence.Decisions;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Tests;

/// <summary>Attacks through plain SQL on the real file, as someone with file access would make them.</summary>
public sealed class ChainTamperingTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private TestDatabase _db = null!;

    [SetUp]
    public void SetUp() => _db = new TestDatabase();

    [TearDown]
    public void TearDown() => _db.Dispose();

    private async Task<IReadOnlyList<AppendedRecord>> RecordAsync(int count, byte[]? key = null)
    {
        await using var store = _db.Open(key);
        return await store.Decisions.AppendManyAsync([.. Enumerable.Range(1, count).Select(n => TestDatabase.Decision(n))]);
    }

    [Test]
    public async Task A_changed_json_part_or_flag_is_reported()
    {
        await RecordAsync(4);
        _db.DropEvidenceTriggers();
        _db.Sql("UPDATE decisions SET ai_assisted = 2 WHERE seq = 1; UPDATE decisions SET approvals_json = '[]' WHERE seq = 2");

        var (exit, output) = VerifyRunner.Verify(_db.FilePath);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("broken at seq 1: hash"));
    }

    [Test]
    public async Task A_forged_record_with_a_recomputed_plain_hash_passes_without_a_key_but_not_with_one()
    {
        // Without a key the forger can recompute the chain: this is why the key (or a checkpoint) exists.
        await RecordAsync(3);
        ForgeAppendedRecord();
        Assert.That(VerifyRunner.Verify(_db.FilePath).Output, Does.StartWith("ok 4 records"));
    }

    [Test]
    public async Task A_record_inserted_with_a_recomputed_hash_is_caught_when_an_HMAC_key_is_set()
    {
        await RecordAsync(3, Key);
        Assert.That(VerifyRunner.Verify(_db.FilePath, Key).Exit, Is.EqualTo(0));
        ForgeAppendedRecord();

        var (exit, output) = VerifyRunner.Verify(_db.FilePath, Key);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("broken at seq 4: hash expected "));
    }

    [Test]
    public async Task Verify_with_the_wrong_key_is_refused_naming_the_key_the_file_needs()
    {
        await RecordAsync(2, Key);

        var (exit, output) = VerifyRunner.Verify(_db.FilePath, [9, 9, 9]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("error: "));
        Assert.That(output, Does.Contain("is chained with key 'hmac-sha256:"));
    }

    [Test]
    public async Task Verify_of_a_keyed_chain_without_a_key_says_which_key_it_needs_instead_of_reporting_tampering()
    {
        await RecordAsync(2, Key);

        var (exit, output) = VerifyRunner.Verify(_db.FilePath);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("error: "));
        Assert.That(output, Does.Contain("is chained with an HMAC key ('hmac-sha256:"));
        Assert.That(output, Does.Contain("set Evidence__HmacKey"));
    }

    [Test]
    public async Task A_chain_rehashed_without_the_key_fails_verify_with_the_key_even_when_the_file_claims_to_be_unkeyed()
    {
        await RecordAsync(3, Key);
        // The forger rewrites the recorded key setting and re-hashes every record with plain SHA-256.
        _db.Sql("UPDATE chain_settings SET value = 'sha256' WHERE name = 'chain_key_id'");
        _db.DropEvidenceTriggers();
        _db.Sql("DELETE FROM decisions");
        await RecordAsync(3);

        Assert.That(VerifyRunner.Verify(_db.FilePath).Exit, Is.Zero, "without the key nothing can tell");
        var (exit, output) = VerifyRunner.Verify(_db.FilePath, Key);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("is chained with key 'sha256'"));
    }

    [Test]
    public void Verify_of_a_missing_file_is_an_error_not_ok()
    {
        var (exit, output) = VerifyRunner.Verify(Path.Combine(_db.Folder, "nope.db"));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("error: No evidence database at "));
    }

    [Test]
    public async Task The_triggers_stop_update_and_delete_of_decisions()
    {
        await RecordAsync(2);

        var update = Assert.Throws<SqliteException>(() => _db.Sql("UPDATE decisions SET title = 'x' WHERE seq = 1"));
        var delete = Assert.Throws<SqliteException>(() => _db.Sql("DELETE FROM decisions WHERE seq = 2"));

        Assert.That(update!.Message, Does.Contain("append-only"));
        Assert.That(delete!.Message, Does.Contain("append-only"));
        Assert.That(VerifyRunner.Verify(_db.FilePath).Output, Does.StartWith("ok 2 records"));
    }

    /// <summary>Appends a copy of the head with another title, hashed with plain SHA-256 as a forger without the key would.</summary>
    private void ForgeAppendedRecord()
    {
        using var connection = _db.OpenRaw();
        using var read = connection.CreateCommand();
        var table = DecisionsTable.Table;
        read.CommandText = table.SelectAllSql + " DESC LIMIT 1";
        using var reader = read.ExecuteReader();
        Assert.That(reader.Read(), Is.True);
        var seq = reader.GetInt64(0) + 1;
        var prevHash = reader.GetString(2);
        var values = new object?[table.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(3 + i) ? null
                : table.Columns[i].Kind == ChainValueKind.Text ? reader.GetString(3 + i)
                : table.Columns[i].Kind == ChainValueKind.Boolean ? reader.GetInt64(3 + i) == 1
                : reader.GetInt64(3 + i);
        }
        reader.Close();
        values[table.Columns.ToList().FindIndex(c => c.Name == "title")] = "Approved (forged)";

        var writer = new CanonicalJsonWriter();
        var valueReader = new ObjectArrayValueReader(values, new byte[256]);
        ChainRecordEncoder.Encode(writer, table, seq, Convert.FromHexString(prevHash), ref valueReader);
        var hash = new byte[ChainHasher.HashSize];
        new ChainHasher(null).Compute(writer.WrittenSpan, hash);

        using var insert = connection.CreateCommand();
        insert.CommandText = table.InsertSql;
        insert.Parameters.AddWithValue("$seq", seq);
        insert.Parameters.AddWithValue("$prev_hash", prevHash);
        insert.Parameters.AddWithValue("$hash", ChainHasher.ToHex(hash));
        for (var i = 0; i < values.Length; i++)
        {
            insert.Parameters.AddWithValue("$" + table.Columns[i].Name, values[i] switch { null => DBNull.Value, bool b => b ? 1L : 0L, var v => v });
        }
        insert.ExecuteNonQuery();
    }
}
