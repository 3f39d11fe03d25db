using System.Text.Json;
using Bot.Evidence.Changes;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Export;
using Bot.Evidence.Tests.Export;

namespace Bot.Evidence.Tests.Contract;

/// <summary>
/// The dashboard's reads on every provider (issue 17): over the same records (<see cref="ExportContract"/>'s, written through
/// the seams) the provider's reader gives the SQLite reader's answers: the Overview's counts, gaps, weeks, completeness and
/// chain tips; the repositories in the export's order; every page of the Changes table under each filter, walked forwards
/// and back by cursor; a change's detail; and each chain's verification.
/// </summary>
[TestFixtureSource(typeof(StoreFixtures), nameof(StoreFixtures.All))]
public sealed class AuditReaderContract(IStoreFixture fixture) : StoreContract(fixture)
{
    private static readonly JsonSerializerOptions Fields = new() { IncludeFields = true };
    private static readonly ExportRequest Year = new() { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31) };

    private TestDatabase _reference = null!;

    [SetUp]
    public async Task WriteBoth()
    {
        _reference = new TestDatabase();
        await using (var subject = Open(ExportContract.Key))
        {
            await ExportContract.WriteAsync(subject);
        }
        await using var reference = VerifyRunner.Store(_reference.FilePath, ExportContract.Key, Clock).Open();
        await ExportContract.WriteAsync(reference);
    }

    [TearDown]
    public void RemoveReference() => _reference.Dispose();

    private IAuditReader Subject => Store.Provider(ExportContract.Key, Clock).Audit;

    private IAuditReader Reference => VerifyRunner.Store(_reference.FilePath, ExportContract.Key, Clock).Audit;

    private static string Json(object? value) => JsonSerializer.Serialize(value, Fields);

    [Test]
    public void The_overview_and_the_repositories_are_sqlite_s()
    {
        var march = Year with { From = new DateOnly(2025, 2, 20), To = new DateOnly(2025, 3, 10), Repositories = ["acme/APP", "acme/zed"] };
        foreach (var request in new[] { Year, march })
        {
            var subject = Subject.Overview(request);
            Assert.That(Json(subject), Is.EqualTo(Json(Reference.Overview(request))));
            Assert.That(Json(subject.Completeness.Chains), Is.EqualTo(Json(Reference.Overview(request).Completeness.Chains)));
        }
        var overview = Subject.Overview(Year);
        Assert.Multiple(() =>
        {
            Assert.That(overview.ApprovedOverrides, Is.GreaterThan(0));
            Assert.That(overview.Gaps.Select(g => g.Code), Does.Contain(OverviewReader.FailedDelivery).And.Contain(FindingCodes.NoPullRequest));
            Assert.That(overview.Tips.Single(t => t.Chain == "changes").Seq, Is.GreaterThan(ExportPopulation.Changes));
        });
        Assert.That(Subject.Repositories(), Is.EqualTo(Reference.Repositories()));
        Assert.That(Subject.Repositories(), Has.Count.EqualTo(9), "one spelling per repository, as NOCASE groups them");
    }

    private static IEnumerable<ChangeFilter> Filters()
    {
        yield return new ChangeFilter { Period = Year };
        yield return new ChangeFilter { Period = Year with { Repositories = ["ACME/APP"] }, AiAssisted = true };
        yield return new ChangeFilter { Period = Year, Finding = ChangeFilter.AnyFinding };
        yield return new ChangeFilter { Period = Year, Finding = ChangeFilter.NoFinding, AiAssisted = false };
        yield return new ChangeFilter { Period = Year, Finding = FindingCodes.MissingDecision };
        yield return new ChangeFilter { Period = Year, Overridden = true };
        yield return new ChangeFilter { Period = Year, Overridden = false, Finding = FindingCodes.NoPullRequest };
    }

    [TestCaseSource(nameof(Filters))]
    public void Every_page_of_the_changes_table_is_sqlite_s_forwards_and_back(ChangeFilter filter)
    {
        var pages = 0;
        ChangeCursor? after = null;
        ChangePage subject;
        do
        {
            subject = Subject.Changes(filter, after, null, 40);
            Assert.That(Json(subject), Is.EqualTo(Json(Reference.Changes(filter, after, null, 40))), $"page {pages} going on");
            after = subject.Older;
            pages++;
        }
        while (after is not null && pages < 50);
        Assert.That(subject.Matching, Is.GreaterThan(0));
        ChangeCursor? before = subject.Rows.Count > 0 ? new ChangeCursor(EvidenceTimeText(subject.Rows[0].MergedAt), subject.Rows[0].Seq) : null;
        while (before is not null)
        {
            var back = Subject.Changes(filter, null, before, 40);
            Assert.That(Json(back), Is.EqualTo(Json(Reference.Changes(filter, null, before, 40))), "going back");
            before = back.Newer;
        }
    }

    private static string EvidenceTimeText(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task A_change_s_detail_and_the_chains_verification_are_sqlite_s()
    {
        // A change with overrides (PR 7), one without a pull request, one that is not there.
        foreach (var seq in new long[] { 8, 4, 99999 })
        {
            Assert.That(Json(await Subject.ChangeAsync(seq)), Is.EqualTo(Json(await Reference.ChangeAsync(seq))), $"change {seq}");
        }
        Assert.That((await Subject.ChangeAsync(8))!.Overrides, Is.Not.Empty);
        Assert.That(Json(Subject.VerifyChains()), Is.EqualTo(Json(Reference.VerifyChains())));

        Store.EditRecord("overrides", 2, "reason", "rewritten");
        Assert.That(Subject.VerifyChains().Single(r => r.Chain == "overrides").Result.Break?.Seq, Is.EqualTo(2));
    }
}
