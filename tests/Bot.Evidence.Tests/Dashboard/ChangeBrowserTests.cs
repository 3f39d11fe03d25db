using Bot.Evidence.Changes;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Export;
using Bot.Evidence.Tests.Export;

namespace Bot.Evidence.Tests.Dashboard;

/// <summary>The Changes table: keyset pages that visit every change once in either direction (changes that reached the
/// branch at the same instant included), and filters that select what the export shows.</summary>
public sealed class ChangeBrowserTests : PopulatedDatabase
{
    private static readonly ExportRequest Period = new() { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31) };

    [SetUp]
    public async Task AddChangesOfOneInstant()
    {
        // Pushes of one push share their time: 25 changes at one instant, so pages must break ties by seq.
        await using var store = Db.Open();
        var at = ExportPopulation.Merged.AddMinutes(300);
        await store.Changes.AppendManyAsync([.. Enumerable.Range(0, 25).Select(i => new ChangeRecord
        {
            RecordedAt = at,
            Repository = "acme/app",
            Kind = ChangeKinds.DirectPush,
            ChangeId = $"tie{i}",
            Title = "same instant",
            Author = "dave",
            MergedAt = at,
            BaseRef = "main",
            CommitShas = [],
            AiAssisted = i % 2 == 0,
            AiTools = [],
            Findings = [new ChangeFinding(FindingCodes.NoPullRequest, "pushed")],
            Source = "webhook",
        })]);
    }

    [Test]
    public void Pages_visit_every_change_once_newest_first_and_back()
    {
        var export = ExportOracle.Of(Db.FilePath, Period);
        var older = new List<ChangePage>();
        ChangeCursor? after = null;
        do
        {
            older.Add(ChangeBrowser.Page(Db.FilePath, new ChangeFilter { Period = Period }, after, null, 40));
            after = older[^1].Older;
        }
        while (after is not null);

        var seen = older.SelectMany(p => p.Rows).ToList();
        Assert.That(seen.Select(r => r.Seq), Is.EquivalentTo(export.Rows.Select(r => r.Seq)), "every exported change once");
        Assert.That(seen.Select(r => (r.MergedAt, r.Seq)), Is.EqualTo(seen.Select(r => (r.MergedAt, r.Seq)).OrderByDescending(k => k.MergedAt).ThenByDescending(k => k.Seq)));
        Assert.That(older.All(p => p.Matching == export.Population), Is.True);
        Assert.That(older[0].Newer, Is.Null);
        Assert.That(older.Skip(1).All(p => p.Newer is not null), Is.True);

        // Back from the last page, page by page, to the first: the same pages.
        var back = new List<ChangePage> { older[^1] };
        while (back[^1].Newer is { } before)
        {
            back.Add(ChangeBrowser.Page(Db.FilePath, new ChangeFilter { Period = Period }, null, before, 40));
        }
        back.Reverse();
        Assert.That(back.Select(p => p.Rows.Select(r => r.Seq).ToList()), Is.EqualTo(older.Select(p => p.Rows.Select(r => r.Seq).ToList())));
    }

    [TestCase(true, null, null, null)]
    [TestCase(false, null, null, null)]
    [TestCase(null, ChangeFilter.AnyFinding, null, null)]
    [TestCase(null, ChangeFilter.NoFinding, null, null)]
    [TestCase(null, FindingCodes.MissingDecision, null, null)]
    [TestCase(true, FindingCodes.NoPullRequest, null, "acme/app")]
    [TestCase(null, null, true, null)]
    [TestCase(null, null, false, "ACME/ZED")]
    public void Filters_select_the_changes_the_export_shows(bool? ai, string? finding, bool? overridden, string? repository)
    {
        var period = Period with { Repositories = repository is null ? [] : [repository] };
        var expected = ExportOracle.Of(Db.FilePath, period).Rows
            .Where(r => ai is null || r.AiAssisted == ai)
            .Where(r => finding switch
            {
                null => true,
                ChangeFilter.AnyFinding => r.FindingCodes.Length > 0,
                ChangeFilter.NoFinding => r.FindingCodes.Length == 0,
                _ => r.FindingCodes.Contains(finding),
            })
            .Where(r => overridden is null || r.Overridden == overridden)
            .ToList();
        var filter = new ChangeFilter { Period = period, AiAssisted = ai, Finding = finding, Overridden = overridden };

        var page = ChangeBrowser.Page(Db.FilePath, filter, null, null, 1000);

        Assert.That(expected, Is.Not.Empty, "the case selects something");
        Assert.That(page.Rows.Select(r => r.Seq), Is.EquivalentTo(expected.Select(r => r.Seq)));
        Assert.That(page.Matching, Is.EqualTo(expected.Count));
        Assert.That(page.Rows.Where(r => r.Overridden).Select(r => r.Seq), Is.EquivalentTo(expected.Where(r => r.Overridden).Select(r => r.Seq)));
    }

    [Test]
    public async Task A_change_is_read_with_its_decisions_and_overrides()
    {
        // Pull request 14 of acme/zed…: overridden, then revoked; its change refers to a decision.
        var export = ExportOracle.Of(Db.FilePath, Period);
        var seq = export.Rows.Single(r => r.Repository == ExportPopulation.Repository(14) && r.Seq == 15).Seq;

        var detail = await ChangeDetails.FindAsync(Db.FilePath, seq);

        Assert.That(detail, Is.Not.Null);
        Assert.That(detail!.Change.Record.PullRequestNumber, Is.EqualTo(14));
        Assert.That(detail.Overrides.Select(o => o.Record.Action), Is.EqualTo(new[] { "override", "revoke" }));
        Assert.That(detail.OverrideInForce, Is.Null, "revoked");
        Assert.That(await ChangeDetails.FindAsync(Db.FilePath, 99_999), Is.Null);
    }

    [Test]
    public void Repositories_are_listed_once_each_in_the_export_order()
    {
        Assert.That(ChangeBrowser.Repositories(Db.FilePath), Is.EqualTo(new[] { "acme/app", "acme/app-2", "ACME/beta", "acme/zed" }));
    }
}
