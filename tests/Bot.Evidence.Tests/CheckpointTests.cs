using Bot.Evidence.Chain;
using Bot.Evidence.Changes;

namespace Bot.Evidence.Tests;

/// <summary>
/// <c>bot checkpoint</c> anchors the head of every chain in one line, and <c>verify --checkpoint</c> notices records removed
/// from the end of any of them, naming the chain. Tampering is plain SQL on the real file.
/// </summary>
public sealed class CheckpointTests
{
    private static readonly DateTimeOffset Taken = new(2025, 4, 1, 9, 30, 0, TimeSpan.Zero);
    private TestDatabase _db = null!;

    [SetUp]
    public void SetUp() => _db = new TestDatabase();

    [TearDown]
    public void TearDown() => _db.Dispose();

    /// <summary>Every chain the store keeps, so that a chain added later is covered by these tests without editing them.</summary>
    public static IEnumerable<string> Chains => EvidenceChains.All.Select(t => t.Name);

    /// <summary>5 decisions, 4 changes, 3 overrides; the heads of each chain by name.</summary>
    private async Task<Dictionary<string, AppendedRecord>> RecordEveryChainAsync()
    {
        await using var store = _db.Open();
        var decisions = await store.Decisions.AppendManyAsync([.. Enumerable.Range(1, 5).Select(n => TestDatabase.Decision(n))]);
        var changes = await store.Changes.AppendManyAsync([.. Enumerable.Range(1, 4).Select(TestDatabase.Change)]);
        AppendedRecord lastOverride = null!;
        foreach (var n in Enumerable.Range(1, 3))
        {
            lastOverride = (await store.Overrides.AppendAsync(TestDatabase.Override(n)))!;
        }
        await store.MergeGroups.AppendAsync(TestDatabase.MergeGroup(1));
        var lastGroup = await store.MergeGroups.AppendAsync(TestDatabase.MergeGroup(2));
        return new()
        {
            ["decisions"] = decisions[^1], ["changes"] = changes[^1], ["overrides"] = lastOverride, ["merge_group_decisions"] = lastGroup,
        };
    }

    private string Checkpoint()
    {
        var (exit, output) = VerifyRunner.Checkpoint(_db.FilePath, new ManualClock(Taken));
        Assert.That(exit, Is.Zero, output);
        return output.Trim();
    }

    private string CheckpointFile()
    {
        var file = Path.Combine(_db.Folder, "checkpoint.txt");
        File.WriteAllText(file, Checkpoint() + "\n");
        return file;
    }

    [Test]
    public async Task The_checkpoint_is_one_line_with_the_head_of_every_chain()
    {
        var heads = await RecordEveryChainAsync();

        var line = Checkpoint();

        Assert.That(line, Is.EqualTo("evidence-checkpoint/2 2025-04-01T09:30:00.0000000Z "
            + $"decisions=5:{heads["decisions"].Hash} changes=4:{heads["changes"].Hash} overrides=3:{heads["overrides"].Hash} merge_group_decisions=2:{heads["merge_group_decisions"].Hash}"));
        Assert.That(line.Split(' ').Skip(2).Select(p => p[..p.IndexOf('=', StringComparison.Ordinal)]), Is.EqualTo(Chains), "every chain of the registry, in order");
    }

    [TestCaseSource(nameof(Chains))]
    public async Task Removing_the_newest_records_of_a_chain_is_caught_naming_that_chain(string chain)
    {
        var heads = await RecordEveryChainAsync();
        Assert.That(heads, Does.ContainKey(chain), $"this test records nothing in the chain '{chain}' yet: add its records to RecordEveryChainAsync");
        var checkpoint = CheckpointFile();
        Assert.That(VerifyRunner.Verify(_db.FilePath, checkpoint: checkpoint).Exit, Is.Zero);

        _db.DeleteNewest(chain, 2);

        Assert.That(VerifyRunner.Verify(_db.FilePath).Exit, Is.Zero, "a cut-off tail leaves a valid chain: only the checkpoint can tell");
        var (exit, output) = VerifyRunner.Verify(_db.FilePath, checkpoint: checkpoint);
        Assert.That(exit, Is.EqualTo(1), output);
        var seq = heads[chain].Seq;
        Assert.That(output, Does.Contain($"broken at seq {seq}: record expected hash {heads[chain].Hash}"));
        Assert.That(output, Does.Contain($"the {chain} chain ends at seq {seq - 2} (its tail was cut off)"));
    }

    [Test]
    public async Task A_newest_record_replaced_after_the_checkpoint_is_caught_naming_the_chain()
    {
        var heads = await RecordEveryChainAsync();
        var line = Checkpoint();
        // What the checkpoint says stays outside the file: a different hash there is what a replaced record looks like.
        var altered = line.Replace(heads["changes"].Hash, new string('e', 64), StringComparison.Ordinal);

        var (exit, output) = VerifyRunner.Verify(_db.FilePath, checkpoint: altered);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith($"ok 5 records, head {heads["decisions"].Hash}"));
        Assert.That(output, Does.Contain($"changes: broken at seq 4: hash (changes checkpoint) expected {new string('e', 64)}, found {heads["changes"].Hash}"));
    }

    [Test]
    public async Task Records_appended_after_the_checkpoint_verify_and_the_line_can_be_given_directly()
    {
        await RecordEveryChainAsync();
        var line = Checkpoint();
        await using (var store = _db.Open())
        {
            await store.Decisions.AppendAsync(TestDatabase.Decision(6));
            await store.Changes.AppendAsync(TestDatabase.Change(5));
        }

        var (exit, output) = VerifyRunner.Verify(_db.FilePath, checkpoint: line);

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("ok 6 records"));
        Assert.That(output, Does.Contain("changes: ok 5 records"));
        Assert.That(output, Does.Contain("checkpoint of 2025-04-01T09:30:00.0000000Z matches: decisions seq 5, changes seq 4, overrides seq 3, merge_group_decisions seq 2"));
    }

    [Test]
    public async Task A_store_that_only_scanned_can_be_checkpointed_and_its_changes_are_anchored()
    {
        AppendedRecord head;
        await using (var store = _db.Open())
        {
            head = (await store.Changes.AppendManyAsync([.. Enumerable.Range(1, 3).Select(TestDatabase.Change)]))[^1];
        }

        var line = Checkpoint();

        Assert.That(line, Does.EndWith($"decisions=0 changes=3:{head.Hash} overrides=0 merge_group_decisions=0"));
        Assert.That(VerifyRunner.Verify(_db.FilePath, checkpoint: line).Exit, Is.Zero);
        _db.DeleteNewest("changes", 1);
        var (exit, output) = VerifyRunner.Verify(_db.FilePath, checkpoint: line);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("changes: broken at seq 3: record expected hash"));
    }

    [Test]
    public async Task An_empty_store_can_be_checkpointed()
    {
        await using (_db.Open())
        {
        }

        var line = Checkpoint();

        Assert.That(line, Is.EqualTo("evidence-checkpoint/2 2025-04-01T09:30:00.0000000Z decisions=0 changes=0 overrides=0 merge_group_decisions=0"));
        Assert.That(VerifyRunner.Verify(_db.FilePath, checkpoint: line).Exit, Is.Zero);
    }

    [Test]
    public async Task The_older_one_chain_line_is_still_read_as_a_checkpoint_of_the_decisions()
    {
        var heads = await RecordEveryChainAsync();
        var oneChain = $"5 {heads["decisions"].Hash} 2025-03-01T12:00:05.0000000Z";

        var (exit, output) = VerifyRunner.Verify(_db.FilePath, checkpoint: oneChain);
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("checkpoint of 2025-03-01T12:00:05.0000000Z matches: decisions seq 5"));
        Assert.That(output, Does.Contain("older one-chain format anchors the decisions chain only"));

        _db.DeleteNewest("decisions", 1);
        (exit, output) = VerifyRunner.Verify(_db.FilePath, checkpoint: oneChain);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("the decisions chain ends at seq 4"));
    }

    [Test]
    public async Task A_checkpoint_naming_a_chain_this_bot_does_not_know_is_refused()
    {
        await RecordEveryChainAsync();

        var (exit, output) = VerifyRunner.Verify(_db.FilePath, checkpoint: Checkpoint() + " merge_groups=2:" + new string('a', 64));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("error: The checkpoint names chains this bot does not know (merge_groups)"));
    }

    [TestCase("evidence-checkpoint/2 2025-04-01T09:30:00Z decisions=5")]
    [TestCase("evidence-checkpoint/2 2025-04-01T09:30:00Z decisions=0:abc")]
    [TestCase("evidence-checkpoint/2 2025-04-01T09:30:00Z decisions=0 decisions=0")]
    [TestCase("evidence-checkpoint/2 yesterday decisions=0")]
    [TestCase("evidence-checkpoint/3 2025-04-01T09:30:00Z decisions=0")]
    [TestCase("0 0000000000000000000000000000000000000000000000000000000000000000 t")]
    public async Task A_malformed_checkpoint_is_an_error_not_ok(string line)
    {
        await RecordEveryChainAsync();

        var (exit, output) = VerifyRunner.Verify(_db.FilePath, checkpoint: line);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("error: checkpoint: "));
    }

    [Test]
    public void A_missing_checkpoint_file_is_an_error()
    {
        var (exit, output) = VerifyRunner.Verify(_db.FilePath, checkpoint: Path.Combine(_db.Folder, "nope.txt"));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("error: No checkpoint file at "));
    }
}
