using Bot.Evidence.Changes;
using Bot.Evidence.Commands;

namespace Bot.Evidence.Tests.Changes;

/// <summary>The changes table is append-only and hash-chained with the generic chain code, and verify covers it.</summary>
public sealed class ChangesChainTests
{
    private static ChangeRecord Change(string id, string title = "Fix") => new()
    {
        RecordedAt = DateTimeOffset.UtcNow,
        InstallationId = 1,
        Repository = "acme/app",
        Kind = ChangeKinds.DirectPush,
        ChangeId = id,
        Title = title,
        Author = "mallory",
        MergedBy = "mallory",
        MergedAt = DateTimeOffset.UtcNow,
        BaseRef = "main",
        CommitShas = [id],
        AiAssisted = false,
        AiTools = [],
        Findings = [new ChangeFinding(FindingCodes.NoPullRequest, "pushed directly")],
        Source = "scan",
    };

    [Test]
    public async Task Appended_changes_chain_and_verify_reports_them()
    {
        using var db = new TestDatabase();
        await using (var store = db.Open())
        {
            var first = await store.Changes.AppendAsync(Change(new string('1', 40)));
            var rest = await store.Changes.AppendManyAsync([Change(new string('2', 40)), Change(new string('3', 40))]);
            Assert.That(new[] { first.Seq, rest[0].Seq, rest[1].Seq }, Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(await store.Changes.ExistsAsync("ACME/app", "main", ChangeKinds.DirectPush, new string('2', 40)), Is.True);
            Assert.That(await store.Changes.ExistsAsync("acme/app", "release/1", ChangeKinds.DirectPush, new string('2', 40)), Is.False);
        }
        var output = new StringWriter();
        Assert.That(VerifyRunner.Store(db.FilePath).Chains.Verify(null, output), Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Match(@"changes: ok 3 records, head [0-9a-f]{64}"));
    }

    [Test]
    public async Task Changes_cannot_be_updated_and_an_edit_behind_the_triggers_breaks_verify()
    {
        using var db = new TestDatabase();
        await using (var store = db.Open())
        {
            await store.Changes.AppendManyAsync([Change(new string('1', 40)), Change(new string('2', 40))]);
        }
        Assert.That(() => db.Sql("UPDATE changes SET title = 'harmless' WHERE seq = 2"),
            Throws.Exception.With.Message.Contains("append-only"));
        db.Sql("DROP TRIGGER changes_no_update; UPDATE changes SET title = 'harmless' WHERE seq = 2;");
        var output = new StringWriter();
        Assert.That(VerifyRunner.Store(db.FilePath).Chains.Verify(null, output), Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("changes: broken at seq 2"));
    }

    [Test]
    public void A_change_of_unknown_kind_is_refused_before_it_is_queued()
    {
        using var db = new TestDatabase();
        Assert.That(async () =>
        {
            await using var store = db.Open();
            await store.Changes.AppendAsync(Change("x") with { Kind = "tweak" });
        }, Throws.ArgumentException.With.Message.Contains("tweak"));
    }
}
