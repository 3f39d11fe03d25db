using Bot.Cli;
using Bot.Evidence;
using Bot.Evidence.Changes;
using Bot.Evidence.Reconciliation;

namespace Bot.Tests.Reconciliation;

/// <summary><c>bot export</c>'s exit code when the only thing wrong is that a repository is not reconciled with its
/// branches' history to the end of the period.</summary>
public sealed class ReconciledThroughExportTests
{
    private static readonly DateTimeOffset Merged = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [TestCase("2025-06-01T23:59:00Z", ExportCommand.ExportedWithGaps)]
    [TestCase("2025-06-02T00:00:00Z", ExitCodes.Ok)]
    public async Task A_period_not_reconciled_to_its_end_exits_3_with_the_reason(string through, int expected)
    {
        var folder = Directory.CreateTempSubdirectory("bot-reconciled-export-").FullName;
        var db = Path.Combine(folder, "bot.db");
        try
        {
            await using (var store = Support.BotUnderTest.StoreAt(db).Open())
            {
                await store.Changes.AppendAsync(new ChangeRecord
                {
                    RecordedAt = Merged, InstallationId = 1, Repository = "acme/app", Kind = ChangeKinds.PullRequest, ChangeId = "1",
                    PullRequestNumber = 1, Title = "Clean change", Author = "alice", MergedAt = Merged, BaseRef = "main",
                    CommitShas = [new string('a', 40)], AiAssisted = false, AiTools = [], Findings = [], Source = ChangeSources.Webhook,
                });
                await store.Reconciliation.SaveAsync(new ReconciledBranch("acme/app", "main", new string('a', 40), Merged.AddDays(-1),
                    DateTimeOffset.Parse(through, System.Globalization.CultureInfo.InvariantCulture)));
            }
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await BotCli.RunAsync(["export", "--db", db, "--from", "2025-06-01", "--to", "2025-06-01", "--format", "csv"], output, error);

            Assert.That(exit, Is.EqualTo(expected), error.ToString());
            Assert.That(output.ToString(), Does.Contain("# reconciled_through: acme/app " + through));
            Assert.That(output.ToString().Contains("# incomplete: acme/app", StringComparison.Ordinal), Is.EqualTo(expected != ExitCodes.Ok), output.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
