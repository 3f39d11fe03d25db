using System.Text;
using Bot.Evidence.Changes;
using Bot.Evidence.Deliveries;
using Bot.Evidence.Export;
using Bot.Evidence.Inbox;
using Bot.Evidence.MergeGroups;
using Bot.Evidence.Reconciliation;
using Bot.Evidence.Tests.Export;

namespace Bot.Evidence.Tests.Contract;

/// <summary>
/// The CC8.1 export on every provider (issue 17 §5: "export byte-identical for the same data"): the same records written
/// through the seams to the provider's store and to a SQLite file export to the same bytes in every format, whole or
/// sampled (same seed, same sample), with the same completeness section: a population whose order depends on NOCASE
/// repositories, byte-ordered refs and ids, Unicode and CSV-hostile text, approvals, overrides (kept, revoked, other head,
/// other spelling), merge-group decisions in the chains, and gaps besides findings (a failed delivery that concerns a
/// change, a repository not reconciled to the period's end, a window of lost deliveries).
/// </summary>
[TestFixtureSource(typeof(StoreFixtures), nameof(StoreFixtures.All))]
public sealed class ExportContract(IStoreFixture fixture) : StoreContract(fixture)
{
    internal static readonly byte[] Key = Encoding.UTF8.GetBytes("export-contract-key-of-32-bytes-at-least");
    private static readonly ExportRequest Year = new() { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31) };

    private TestDatabase _reference = null!;

    [SetUp]
    public void NewReference() => _reference = new TestDatabase();

    [TearDown]
    public void RemoveReference() => _reference.Dispose();

    private async Task WriteBothAsync()
    {
        await using (var subject = Open(Key))
        {
            await WriteAsync(subject);
        }
        await using var reference = VerifyRunner.Store(_reference.FilePath, Key, Clock).Open();
        await WriteAsync(reference);
    }

    /// <summary>The same records, in the same order, through the seams the service writes with.</summary>
    internal static async Task WriteAsync(IEvidenceStore store)
    {
        await ExportPopulation.BuildAsync(store);
        // Repository names whose punctuation a linguistic collation orders otherwise than SQLite's NOCASE (byte order).
        await store.Changes.AppendManyAsync([.. new[] { "acme/app_x", "acme/app.x", "acme/app2", "Acme/App-3", "acme/APP~" }.Select((repository, i) => new ChangeRecord
        {
            RecordedAt = ExportPopulation.Merged.AddDays(1),
            Repository = repository,
            Kind = ChangeKinds.DirectPush,
            ChangeId = "p" + i,
            Title = "push",
            Author = "alice",
            MergedAt = ExportPopulation.Merged.AddDays(1).AddSeconds(i),
            BaseRef = "main",
            CommitShas = [ExportPopulation.Sha(9000 + i)],
            AiAssisted = false,
            AiTools = [],
            Findings = [new ChangeFinding(FindingCodes.NoPullRequest, "pushed directly")],
            Source = "webhook",
        })]);
        await store.MergeGroups.AppendAsync(new MergeGroupRecord
        {
            RecordedAt = ExportPopulation.Merged.AddMinutes(5),
            InstallationId = 1,
            Repository = "acme/app",
            BaseRef = "main",
            BaseSha = new string('c', 40),
            HeadRef = "gh-readonly-queue/main/pr-7-" + new string('c', 40),
            HeadSha = new string('d', 40),
            BotVersion = "1.0.0",
            Conclusion = "success",
            Title = "merge group ✓",
            DecisionJson = "{}",
            CheckRunId = 77,
        });
        // A merged pull request whose delivery failed for good: a gap until it is retried.
        var merged = """{"action":"closed","number":4242,"pull_request":{"merged":true,"base":{"ref":"main"}}}"""u8.ToArray();
        await store.Inbox.EnqueueAsync(new InboundDelivery("lost-merge", "pull_request", "closed", 1, "acme/app",
            ExportPopulation.Merged.AddHours(1), merged, 4242));
        await store.Inbox.ClaimAsync(10);
        await store.Inbox.MarkFailedAsync("lost-merge", "GitHub unavailable");
        // acme/app reconciled to the period's end, acme/zed only to March: not reconciled.
        await store.Reconciliation.SaveAsync(new ReconciledBranch("acme/zed", "main", new string('a', 40),
            ExportPopulation.Merged.AddDays(-30), ExportPopulation.Merged.AddDays(20)));
        await store.Reconciliation.SaveAsync(new ReconciledBranch("acme/app", "main", new string('b', 40),
            ExportPopulation.Merged.AddDays(-30), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        await store.RecordedDeliveries.AppendRetentionGapAsync(new DeliveryRetentionGap(
            ExportPopulation.Merged.AddDays(2), ExportPopulation.Merged.AddDays(3), ExportPopulation.Merged.AddDays(40)));
    }

    private static (string Text, ExportCompleteness Completeness) Export(IEvidenceProvider provider, ExportRequest request)
    {
        using var output = new MemoryStream();
        var completeness = provider.Export.Export(request, output);
        return (Encoding.UTF8.GetString(output.ToArray()), completeness);
    }

    private IEvidenceProvider Reference => VerifyRunner.Store(_reference.FilePath, Key, Clock);

    [TestCase(ExportFormat.Csv)]
    [TestCase(ExportFormat.Json)]
    [TestCase(ExportFormat.Md)]
    public async Task The_same_records_export_to_the_same_bytes_as_on_sqlite(ExportFormat format)
    {
        await WriteBothAsync();
        var request = Year with { Format = format };

        var (subject, completeness) = Export(Store.Provider(Key, Clock), request);
        var (reference, _) = Export(Reference, request);

        Assert.That(subject, Is.EqualTo(reference));
        Assert.Multiple(() =>
        {
            // The population and every kind of gap are there, so the comparison covers them.
            Assert.That(completeness.Exported, Is.EqualTo(ExportPopulation.Changes - ExportPopulation.Changes / 50 + 5));
            Assert.That(completeness.ChainsOk, Is.True);
            Assert.That(completeness.Chains.Single(c => c.Chain == "merge_group_decisions").Result.Records, Is.EqualTo(1));
            Assert.That(completeness.Gaps, Is.Not.Empty);
            Assert.That(completeness.FailedDeliveries.Select(d => d.DeliveryId), Is.EqualTo(new[] { "lost-merge" }));
            Assert.That(completeness.Reconciliation.Select(r => (r.Repository, r.CoversPeriod)), Is.EqualTo(new[] { ("acme/app", true), ("acme/zed", false) }));
            Assert.That(completeness.UnrecoverableDeliveries, Has.Count.EqualTo(1));
            Assert.That(subject, Does.Contain("hotfix, reason 7"), "an override in force is in the export");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task The_same_seed_draws_the_same_sample_as_on_sqlite(bool stratify)
    {
        await WriteBothAsync();
        var request = Year with { Format = ExportFormat.Csv, Sample = 25, Seed = "audit-2025", StratifyAi = stratify, Repositories = ["ACME/APP", "acme/zed"] };

        var (subject, completeness) = Export(Store.Provider(Key, Clock), request);
        var (reference, _) = Export(Reference, request);

        Assert.That(subject, Is.EqualTo(reference));
        Assert.That(completeness.Exported, Is.EqualTo(25));
        Assert.That(completeness.Population, Is.GreaterThan(25));
    }

    [Test]
    public async Task An_edited_record_is_reported_broken_in_the_completeness_section()
    {
        await WriteBothAsync();
        Store.EditRecord("changes", 5, "title", "rewritten");

        var (_, completeness) = Export(Store.Provider(Key, Clock), Year);

        var changes = completeness.Chains.Single(c => c.Chain == "changes").Result;
        Assert.That(changes.Break?.Seq, Is.EqualTo(5));
        Assert.That(completeness.ChainsOk, Is.False);
    }
}
