using Bot.Evidence.Chain;

namespace Bot.Evidence.Tests.Contract;

/// <summary>
/// The hash chains every provider keeps: appends link into one chain that <c>bot verify</c> recomputes, a record hashes the
/// same whichever provider wrote it (one <see cref="ChainLinker"/>), and an edited, deleted, reordered or truncated record
/// is caught (<see cref="Commands.IChainAudit"/>).
/// </summary>
[TestFixtureSource(typeof(StoreFixtures), nameof(StoreFixtures.All))]
public sealed class ChainContract(IStoreFixture fixture) : StoreContract(fixture)
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private async Task<IReadOnlyList<AppendedRecord>> RecordDecisionsAsync(int count, byte[]? key = null)
    {
        await using var store = Open(key);
        return await store.Decisions.AppendManyAsync([.. Enumerable.Range(1, count).Select(n => TestDatabase.Decision(n))]);
    }

    private (int Exit, string Output) Verify(byte[]? key = null, string? checkpoint = null)
    {
        using var output = new StringWriter();
        var exit = Store.Provider(key, Clock).Chains.Verify(checkpoint, output);
        return (exit, output.ToString());
    }

    [Test]
    public async Task Appends_from_several_writers_make_one_chain_per_table_that_verifies_to_its_head()
    {
        IReadOnlyList<AppendedRecord> decisions;
        AppendedRecord change;
        await using (var store = Open())
        {
            var appends = Enumerable.Range(1, 8).Select(n => store.Decisions.AppendAsync(TestDatabase.Decision(n))).ToList();
            decisions = await Task.WhenAll(appends);
            change = await store.Changes.AppendAsync(TestDatabase.Change(1));
        }

        var (exit, output) = Verify();

        Assert.That(decisions.Select(d => d.Seq).Order(), Is.EqualTo(Enumerable.Range(1, 8).Select(n => (long)n)));
        Assert.That(exit, Is.Zero, output);
        var head = decisions.MaxBy(d => d.Seq)!;
        Assert.That(output, Does.StartWith($"ok 8 records, head {head.Hash}"));
        Assert.That(output, Does.Contain($"changes: ok 1 records, head {change.Hash}"));
    }

    /// <summary>The hashes of these records, as the SQLite provider wrote them before any other provider existed: a
    /// provider that reads and writes rows differently must still link records to these (canonical JSON and hashing are
    /// one shared implementation).</summary>
    [TestCase(null, "15e005f486f57eee2bffa31c04952d80008e51dffb6d9b34b287e6effe107157")]
    [TestCase("keyed", "95778e6eb480f48b1abec12a993ab7f7e50a58c8eb569ed590e80642b30fe592")]
    public async Task A_record_hashes_the_same_whichever_provider_writes_it(string? keyed, string expectedHead)
    {
        var appended = await RecordDecisionsAsync(3, keyed is null ? null : Key);

        Assert.That(appended[^1].Hash, Is.EqualTo(expectedHead));
    }

    [Test]
    public async Task An_edited_record_is_reported_at_its_seq()
    {
        var appended = await RecordDecisionsAsync(5);
        Store.EditRecord("decisions", 3, "title", "a quieter title");

        var (exit, output) = Verify();

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("broken at seq 3: hash expected "));
        Assert.That(output, Does.Contain($"found {appended[2].Hash}"));
    }

    [Test]
    public async Task A_record_deleted_in_the_middle_is_reported_missing()
    {
        await RecordDecisionsAsync(5);
        Store.DeleteRecords("decisions", 3, 3);

        var (exit, output) = Verify();

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("broken at seq 3: seq expected 3, found 4"));
    }

    [Test]
    public async Task Reordered_records_are_reported()
    {
        await RecordDecisionsAsync(5);
        Store.SwapRecords("decisions", 2, 3);

        var (exit, output) = Verify();

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("broken at seq 2: prev_hash expected "));
    }

    [Test]
    public async Task A_truncated_tail_is_caught_given_a_checkpoint_taken_before()
    {
        await RecordDecisionsAsync(5);
        using var line = new StringWriter();
        Assert.That(Store.Provider(clock: Clock).Chains.Checkpoint(line), Is.Zero);
        var checkpoint = line.ToString().Trim();
        Assert.That(Verify(checkpoint: checkpoint).Exit, Is.Zero);

        Store.DeleteRecords("decisions", 4, 5);

        Assert.That(Verify().Output, Does.StartWith("ok 3 records"), "alone, a shorter chain still links");
        var (exit, output) = Verify(checkpoint: checkpoint);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("broken at seq 5: record expected hash "));
        Assert.That(output, Does.Contain("the decisions chain ends at seq 3"));
    }

    [Test]
    public async Task The_database_itself_refuses_to_change_a_chained_record()
    {
        await RecordDecisionsAsync(2);

        Assert.That(() => Store.EditRecordUnguarded("decisions", 1, "title", "rewritten"), Throws.Exception);
        Assert.That(Verify().Output, Does.StartWith("ok 2 records"));
    }

    [Test]
    public async Task A_keyed_chain_verifies_with_its_key_and_is_refused_with_another()
    {
        var appended = await RecordDecisionsAsync(2, Key);

        var (exit, output) = Verify(Key);
        var (wrongExit, wrongOutput) = Verify([9, 9, 9]);

        Assert.That((exit, output.Trim()), Is.EqualTo((0, $"ok 2 records, head {appended[^1].Hash}")));
        Assert.That(wrongExit, Is.EqualTo(1));
        Assert.That(wrongOutput, Does.StartWith("error: "));
    }
}
