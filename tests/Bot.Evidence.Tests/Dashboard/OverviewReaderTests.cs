using Bot.Evidence.Export;
using Bot.Evidence.Tests.Export;

namespace Bot.Evidence.Tests.Dashboard;

/// <summary>The dashboard's Overview counts exactly what the export exports for the same period and repositories.</summary>
public sealed class OverviewReaderTests : PopulatedDatabase
{
    [TestCase("")]
    [TestCase("acme/app")]
    [TestCase("ACME/BETA,acme/zed")]
    public void Counts_what_the_export_exports(string repositories)
    {
        var request = new ExportRequest
        {
            From = new DateOnly(2025, 2, 20),
            To = new DateOnly(2025, 3, 5),
            Repositories = repositories.Split(',', StringSplitOptions.RemoveEmptyEntries),
        };

        var overview = OverviewReader.Read(Db.FilePath, request);
        var export = ExportOracle.Of(Db.FilePath, request);

        Assert.That(export.Population, Is.GreaterThan(0), "the period holds changes");
        Assert.That(overview.Population, Is.EqualTo(export.Population));
        Assert.That(overview.AiAssisted, Is.EqualTo(export.AiAssisted));
        Assert.That(overview.WithGaps, Is.EqualTo(export.Gaps.Count));
        var exportedCodes = export.Gaps.SelectMany(g => g.Codes.Distinct()).GroupBy(c => c).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.That(overview.Gaps.ToDictionary(g => g.Code, g => g.Count), Is.EquivalentTo(exportedCodes));
        Assert.That(overview.ApprovedOverrides, Is.EqualTo(export.Rows.Count(r => r.Overridden)));
        Assert.That(overview.Completeness.Population, Is.EqualTo(export.Population));
    }

    [Test]
    public void Weeks_run_Monday_to_Sunday_cut_to_the_period_and_add_up_to_the_population()
    {
        var request = new ExportRequest { From = new DateOnly(2025, 2, 20), To = new DateOnly(2025, 3, 5) };

        var overview = OverviewReader.Read(Db.FilePath, request);

        // 20 Feb 2025 is a Thursday: Thu–Sun, Mon–Sun, Mon–Wed 5 Mar.
        Assert.That(overview.Weeks.Select(w => (w.From, w.To)), Is.EqualTo(new[]
        {
            (new DateOnly(2025, 2, 20), new DateOnly(2025, 2, 23)),
            (new DateOnly(2025, 2, 24), new DateOnly(2025, 3, 2)),
            (new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 5)),
        }));
        Assert.That(overview.Weeks.Sum(w => w.Changes), Is.EqualTo(overview.Population));
        Assert.That(overview.Weeks.Sum(w => w.WithGaps), Is.EqualTo(overview.WithGaps));
        Assert.That(overview.Weeks[1].Changes, Is.EqualTo(overview.Population), "every change of the population was merged on 1 or 2 March");
    }

    [Test]
    public void Tips_name_every_chain_with_its_newest_record()
    {
        var overview = OverviewReader.Read(Db.FilePath, new ExportRequest { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31) });

        Assert.That(overview.Tips.Select(t => (t.Chain, t.Seq)), Is.EqualTo(new[]
        {
            ("decisions", 5L), ("changes", (long)ExportPopulation.Changes), ("overrides", 7L), ("merge_group_decisions", 0L),
        }));
        Assert.That(overview.Tips.All(t => t.Hash is { Length: 64 }), Is.True);
    }

    [Test]
    public void A_repository_reconciled_only_to_before_the_period_end_is_a_gap_as_the_export_counts_it()
    {
        // acme/app is reconciled through the whole period; acme/zed only to 3 March, two days before the period ends.
        Db.Sql("""
            INSERT INTO reconciled_branches VALUES ('acme/app', 'main', 'aa', '2025-01-01T00:00:00.0000000Z', '2025-04-01T00:00:00.0000000Z');
            INSERT INTO reconciled_branches VALUES ('acme/zed', 'main', 'bb', '2025-01-01T00:00:00.0000000Z', '2025-03-03T00:00:00.0000000Z');
            """);
        var request = new ExportRequest { From = new DateOnly(2025, 2, 20), To = new DateOnly(2025, 3, 5) };

        var overview = OverviewReader.Read(Db.FilePath, request);

        Assert.That(overview.Gaps.Single(g => g.Code == OverviewReader.NotReconciled).Count, Is.EqualTo(1));
        Assert.That(overview.Completeness.HasGaps, Is.True, "the export exits 3 for the same period");
        var covered = OverviewReader.Read(Db.FilePath, request with { To = new DateOnly(2025, 3, 2) });
        Assert.That(covered.Gaps.Select(g => g.Code), Has.No.Member(OverviewReader.NotReconciled));
    }
}
