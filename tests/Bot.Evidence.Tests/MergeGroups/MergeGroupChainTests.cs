using Bot.Evidence.MergeGroups;

namespace Bot.Evidence.Tests.MergeGroups;

/// <summary>Merge group decisions are a chain of their own: append-only, covered by verify, and invisible to the lookups of
/// pull request decisions.</summary>
public sealed class MergeGroupChainTests
{
    [Test]
    public async Task Appended_groups_chain_verify_reports_them_and_pull_request_lookups_do_not_see_them()
    {
        using var db = new TestDatabase();
        await using (var store = db.Open())
        {
            await store.Decisions.AppendAsync(TestDatabase.Decision(1));
            var first = await store.MergeGroups.AppendAsync(TestDatabase.MergeGroup(1));
            var second = await store.MergeGroups.AppendAsync(TestDatabase.MergeGroup(2));
            Assert.That((first.Seq, second.Seq), Is.EqualTo((1L, 2L)), "a chain of its own, numbered from 1");

            var found = await store.MergeGroups.LatestForHeadAsync("ACME/payments", TestDatabase.MergeGroup(2).HeadSha);
            Assert.That(found?.Record, Is.EqualTo(TestDatabase.MergeGroup(2)));
            Assert.That(await store.Decisions.LatestForHeadAsync("acme/payments", TestDatabase.MergeGroup(2).HeadSha), Is.Null);
            Assert.That(await store.Decisions.LatestAsync("acme/payments", 0), Is.Null);
        }
        var (exit, output) = VerifyRunner.Verify(db.FilePath);
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.StartWith("ok 1 records"), "the decisions chain holds only the pull request decision");
        Assert.That(output, Does.Match(@"merge_group_decisions: ok 2 records, head [0-9a-f]{64}"));
    }

    [Test]
    public async Task A_group_decision_cannot_be_updated_and_an_edit_behind_the_triggers_breaks_verify()
    {
        using var db = new TestDatabase();
        await using (var store = db.Open())
        {
            await store.MergeGroups.AppendAsync(TestDatabase.MergeGroup(1));
            await store.MergeGroups.AppendAsync(TestDatabase.MergeGroup(2));
        }
        Assert.That(() => db.Sql("UPDATE merge_group_decisions SET conclusion = 'success' WHERE seq = 1"),
            Throws.Exception.With.Message.Contains("append-only"));
        db.Sql("DROP TRIGGER merge_group_decisions_no_update; UPDATE merge_group_decisions SET conclusion = 'success' WHERE seq = 1;");
        var (exit, output) = VerifyRunner.Verify(db.FilePath);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("merge_group_decisions: broken at seq 1"));
    }

    [Test]
    public async Task A_retried_delivery_finds_the_group_decision_it_already_recorded()
    {
        using var db = new TestDatabase();
        await using var store = db.Open();
        await store.Inbox.EnqueueAsync(new Inbox.InboundDelivery("guid-1", "merge_group", "checks_requested", 42, "acme/payments", DateTimeOffset.UtcNow, [1]));
        await store.MergeGroups.AppendAsync(TestDatabase.MergeGroup(3, deliveryId: "guid-1"));

        Assert.That((await store.MergeGroups.LatestForDeliveryAsync("guid-1"))?.Record.HeadSha, Is.EqualTo(TestDatabase.MergeGroup(3).HeadSha));
        Assert.That(await store.MergeGroups.LatestForDeliveryAsync("guid-2"), Is.Null);
        Assert.That(await store.Decisions.LatestForDeliveryAsync("guid-1"), Is.Null, "not a pull request decision");
    }

    [Test]
    public void A_group_decision_other_than_success_or_failure_is_refused()
    {
        using var db = new TestDatabase();
        Assert.That(async () =>
        {
            await using var store = db.Open();
            await store.MergeGroups.AppendAsync(TestDatabase.MergeGroup(1) with { Conclusion = "pending" });
        }, Throws.ArgumentException.With.Message.Contains("pending"));
    }
}
