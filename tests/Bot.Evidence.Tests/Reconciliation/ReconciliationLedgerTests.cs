using System.Text.Json;
using Bot.Evidence.Changes;
using Bot.Evidence.Export;
using Bot.Evidence.Reconciliation;

namespace Bot.Evidence.Tests.Reconciliation;

/// <summary>The reconciliation's bookkeeping (reconciled_branches), the questions it asks the changes chain, and what the
/// export makes of it.</summary>
public sealed class ReconciliationLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static string Sha(char c) => new(c, 40);

    private static ChangeRecord Change(string kind, string id, string branch, IReadOnlyList<string> commits, string? merge = null, DateTimeOffset? mergedAt = null) => new()
    {
        RecordedAt = T0,
        InstallationId = 1,
        Repository = "acme/app",
        Kind = kind,
        ChangeId = id,
        PullRequestNumber = kind == ChangeKinds.PullRequest ? int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) : null,
        Title = "t",
        Author = "alice",
        MergedAt = mergedAt ?? T0,
        BaseRef = branch,
        MergeCommitSha = merge,
        CommitShas = commits,
        AiAssisted = false,
        AiTools = [],
        Findings = [],
        Source = ChangeSources.Webhook,
    };

    [Test]
    public async Task Held_commits_are_those_of_recorded_changes_into_that_branch_since_the_bound()
    {
        using var db = new TestDatabase();
        await using var store = db.Open();
        await store.Changes.AppendManyAsync(
        [
            Change(ChangeKinds.PullRequest, "1", "main", [Sha('1'), Sha('2')], merge: Sha('3')),
            Change(ChangeKinds.DirectPush, Sha('4'), "main", [Sha('4')], mergedAt: T0.AddDays(-10)),
            Change(ChangeKinds.DirectPush, Sha('5'), "release/1", [Sha('5')]),
        ]);
        var ledger = store.Reconciliation;

        var held = await ledger.HeldCommitsAsync("ACME/app", "main", [Sha('1'), Sha('3'), Sha('4'), Sha('5'), Sha('9')], null);
        Assert.That(held, Is.EquivalentTo(new[] { Sha('1'), Sha('3'), Sha('4') }), "commits, merge commit; not another branch's, not unknown ones");
        var recent = await ledger.HeldCommitsAsync("acme/app", "main", [Sha('1'), Sha('4')], T0.AddDays(-1));
        Assert.That(recent, Is.EquivalentTo(new[] { Sha('1') }), "changes that reached the branch before the bound are not searched");
        Assert.That(await ledger.HeldCommitsAsync("acme/app", "main", [], null), Is.Empty);
    }

    [Test]
    public async Task The_newest_held_commit_is_that_of_the_last_recorded_merge_or_direct_push()
    {
        using var db = new TestDatabase();
        await using var store = db.Open();
        Assert.That(await store.Reconciliation.NewestHeldCommitAsync("acme/app", "main"), Is.Null);
        await store.Changes.AppendManyAsync([Change(ChangeKinds.DirectPush, Sha('4'), "main", [Sha('4')])]);
        Assert.That(await store.Reconciliation.NewestHeldCommitAsync("acme/app", "main"), Is.EqualTo(Sha('4')));
        await store.Changes.AppendManyAsync(
        [
            Change(ChangeKinds.PullRequest, "1", "main", [Sha('1'), Sha('2')], merge: Sha('3')),
            Change(ChangeKinds.BranchDeletion, $"{Sha('3')}..{new string('0', 40)}", "main", [Sha('3'), new string('0', 40)]),
        ]);
        Assert.That(await store.Reconciliation.NewestHeldCommitAsync("acme/app", "main"), Is.EqualTo(Sha('3')), "a deletion holds no commit");
        Assert.That(await store.Reconciliation.NewestHeldCommitAsync("acme/app", "release/1"), Is.Null);
    }

    [Test]
    public async Task A_branch_keeps_when_it_was_first_reconciled_and_never_moves_back()
    {
        using var db = new TestDatabase();
        await using var store = db.Open();
        var ledger = store.Reconciliation;
        await ledger.SaveAsync(new ReconciledBranch("acme/app", "main", Sha('1'), T0, T0));
        await ledger.SaveAsync(new ReconciledBranch("acme/app", "release/1", Sha('5'), T0, T0));
        await ledger.SaveAsync(new ReconciledBranch("acme/app", "main", Sha('2'), T0.AddHours(5), T0.AddHours(1)));
        await ledger.AdvanceAsync("acme/app", T0.AddHours(3));

        var branches = await ledger.BranchesAsync("ACME/APP");
        Assert.That(branches, Is.EqualTo(new[]
        {
            new ReconciledBranch("acme/app", "main", Sha('2'), T0, T0.AddHours(3)),
            new ReconciledBranch("acme/app", "release/1", Sha('5'), T0, T0.AddHours(3)),
        }));
        await ledger.AdvanceAsync("acme/app", T0.AddHours(2));
        Assert.That((await ledger.BranchesAsync("acme/app"))[0].ReconciledThrough, Is.EqualTo(T0.AddHours(3)));
        await ledger.RemoveAsync("acme/app", "release/1");
        Assert.That((await ledger.BranchesAsync("acme/app")).Select(b => b.Branch), Is.EqualTo(new[] { "main" }));
    }

    [Test]
    public async Task The_export_states_each_repositorys_reconciled_through_and_whether_it_covers_the_period()
    {
        using var db = new TestDatabase();
        await using (var store = db.Open())
        {
            await store.Changes.AppendManyAsync([Change(ChangeKinds.PullRequest, "1", "main", [Sha('1')])]);
            var endOfDay = new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero);
            await store.Reconciliation.SaveAsync(new ReconciledBranch("acme/app", "main", Sha('1'), T0.AddDays(-30), endOfDay.AddMinutes(10)));
            await store.Reconciliation.SaveAsync(new ReconciledBranch("acme/app", "release/1", Sha('5'), T0.AddDays(-20), endOfDay.AddMinutes(-10)));
            await store.Reconciliation.SaveAsync(new ReconciledBranch("acme/lib", "main", Sha('7'), T0.AddDays(-5), endOfDay.AddDays(1)));
        }

        ExportCompleteness Export(DateOnly to, params string[] repos)
        {
            using var output = new MemoryStream();
            return ChangeExporter.Export(db.FilePath, null, new ExportRequest
            {
                From = to.AddDays(-7), To = to, Repositories = repos, Format = ExportFormat.Json,
            }, output);
        }

        var day = Export(new DateOnly(2025, 6, 1));
        Assert.That(day.Reconciliation.Select(r => (r.Repository, r.Through, r.CoversPeriod)), Is.EqualTo(new[]
        {
            ("acme/app", new DateTimeOffset(2025, 6, 1, 23, 50, 0, TimeSpan.Zero), false), // its earliest branch
            ("acme/lib", new DateTimeOffset(2025, 6, 3, 0, 0, 0, TimeSpan.Zero), true),
        }));
        Assert.That(day.Reconciliation[0].Since, Is.EqualTo(T0.AddDays(-30)));
        Assert.That(day.Reconciled, Is.False);
        Assert.That(day.Gaps, Is.Empty, "not reconciled is not a change with a gap");
        Assert.That(Export(new DateOnly(2025, 6, 1), "acme/lib").Reconciled, Is.True, "a --repo filter limits the statement too");
        Assert.That(Export(new DateOnly(2025, 5, 31)).Reconciled, Is.True);

        using var json = new MemoryStream();
        ChangeExporter.Export(db.FilePath, null, new ExportRequest { From = new DateOnly(2025, 6, 1), To = new DateOnly(2025, 6, 1), Format = ExportFormat.Json }, json);
        var first = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("completeness").GetProperty("reconciliation")[0];
        Assert.That(first.GetProperty("through").GetString(), Is.EqualTo("2025-06-01T23:50:00Z"));
        Assert.That(first.GetProperty("covers_period").GetBoolean(), Is.False);
    }
}
