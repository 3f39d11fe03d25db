using System.Globalization;
using Bot.Benchmarks.Evidence;
using Bot.Evidence;
using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Export;

namespace Bot.Benchmarks.Export;

/// <summary>
/// Builds the export benchmark's population through the service's own writer: merged pull requests that refer to one of
/// 1,000 decisions (approvals parsed from them) mixed with direct pushes carrying a finding, over 50 repositories.
/// </summary>
internal static class ExportDatabase
{
    public const int Decisions = 1_000;
    private const int Chunk = 10_000;

    /// <summary>The whole population as CSV (every change falls in 2025).</summary>
    public static ExportRequest Request { get; } = new() { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31) };

    /// <summary>The population of <paramref name="changes"/> changes in the temp folder's <paramref name="folder"/>, built on the
    /// first call and kept for the next (written beside and moved into place, so an interrupted build is not taken for one).</summary>
    public static async Task<string> KeptAsync(string folder, int changes)
    {
        var path = Path.Combine(Path.GetTempPath(), folder, $"changes-{changes}.db");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var building = path + ".building";
            File.Delete(building);
            var build = System.Diagnostics.Stopwatch.StartNew();
            await BuildAsync(building, changes);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Move(building, path);
            Console.WriteLine($"built {path}: {changes} changes in {build.Elapsed.TotalSeconds:F1} s");
        }
        return path;
    }

    public static async Task BuildAsync(string path, int changes)
    {
        await using var store = EvidenceProviders.For(new EvidenceStoreOptions { DatabasePath = path }).Open();
        var decisions = await store.Decisions.AppendManyAsync([.. Enumerable.Range(1, Decisions).Select(n => BenchmarkDecisions.Create(n, DecisionSize.Typical))]);
        var merged = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        for (var start = 0; start < changes; start += Chunk)
        {
            await store.Changes.AppendManyAsync([.. Enumerable.Range(start, Math.Min(Chunk, changes - start)).Select(i => Change(i, merged, decisions[i % Decisions]))]);
        }
    }

    private static ChangeRecord Change(int i, DateTimeOffset merged, AppendedRecord decision)
    {
        var direct = i % 10 == 0;
        var sha = i.ToString("x40", CultureInfo.InvariantCulture);
        return new ChangeRecord
        {
            RecordedAt = merged.AddSeconds(i),
            InstallationId = 1,
            Repository = $"acme/repo-{i % 50}",
            Kind = direct ? ChangeKinds.DirectPush : ChangeKinds.PullRequest,
            ChangeId = direct ? sha : i.ToString(CultureInfo.InvariantCulture),
            PullRequestNumber = direct ? null : i,
            Title = $"Change number {i}, with a title of typical length",
            Author = "alice",
            MergedBy = "carol",
            MergedAt = merged.AddSeconds(i),
            BaseRef = "main",
            HeadSha = direct ? null : sha,
            MergeCommitSha = sha,
            CommitShas = [sha],
            AiAssisted = i % 3 == 0,
            AiTools = i % 3 == 0 ? ["Cursor 0.45"] : [],
            DecisionSeq = direct ? null : decision.Seq,
            DecisionHash = direct ? null : decision.Hash,
            Findings = direct ? [new ChangeFinding(FindingCodes.NoPullRequest, "pushed directly")] : [],
            Source = "webhook",
        };
    }
}
