using Bot.Evidence.Dashboard;
using Bot.Evidence.Tests.Export;

namespace Bot.Evidence.Tests.Dashboard;

/// <summary>The Verify page's verification: every chain walked and reported, the break named where it is.</summary>
public sealed class ChainCheckTests : PopulatedDatabase
{
    [Test]
    public void Every_chain_is_reported_intact_with_its_tip()
    {
        var reports = ChainCheck.VerifyAll(Db.FilePath, null);

        Assert.That(reports.Select(r => (r.Chain, r.Result.Ok, r.Result.Records)), Is.EqualTo(new[]
        {
            ("decisions", true, 5L), ("changes", true, (long)ExportPopulation.Changes), ("overrides", true, 7L), ("merge_group_decisions", true, 0L),
        }));
        Assert.That(reports.All(r => r.Tip.Hash == r.Result.HeadHash), Is.True);
    }

    [Test]
    public void A_changed_record_breaks_its_chain_and_the_other_chains_are_still_judged()
    {
        Db.Sql("DROP TRIGGER changes_no_update; UPDATE changes SET title = 'innocent' WHERE seq = 42;");

        var reports = ChainCheck.VerifyAll(Db.FilePath, null).ToDictionary(r => r.Chain);

        Assert.That(reports["changes"].Result.Break?.Seq, Is.EqualTo(42));
        Assert.That(reports["decisions"].Result.Ok, Is.True);
        Assert.That(reports["overrides"].Result.Ok, Is.True);
    }
}
