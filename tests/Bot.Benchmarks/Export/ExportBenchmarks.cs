using BenchmarkDotNet.Attributes;
using Bot.Benchmarks.Evidence;
using Bot.Evidence;
using Bot.Evidence.Changes;
using Bot.Evidence.Export;

namespace Bot.Benchmarks.Export;

/// <summary>
/// <c>bot export</c> of 1,000,000 changes to CSV (target: under 10 s, memory flat because rows are streamed).
/// The population mixes merged pull requests that refer to one of 1,000 decisions (approvals parsed from them) with
/// direct pushes carrying a finding. Export includes verifying both chains, as the command does.
/// Run: <c>dotnet run -c Release --project tests/Bot.Benchmarks -- --filter *ExportBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ExportBenchmarks
{
    private const int Changes = 1_000_000;
    private const int Decisions = 1_000;
    private string _folder = "";
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = BenchmarkDecisions.NewFolder();
        _path = Path.Combine(_folder, "export.db");
        BuildAsync().GetAwaiter().GetResult();
    }

    private async Task BuildAsync()
    {
        await using var store = EvidenceStore.Open(new EvidenceStoreOptions { DatabasePath = _path });
        var decisions = await store.AppendDecisionsAsync([.. Enumerable.Range(1, Decisions).Select(n => BenchmarkDecisions.Create(n, DecisionSize.Typical))]);
        var merged = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        const int chunk = 10_000;
        for (var start = 0; start < Changes; start += chunk)
        {
            await store.AppendChangesAsync([.. Enumerable.Range(start, chunk).Select(i => Change(i, merged, decisions[i % Decisions]))]);
        }
    }

    private static ChangeRecord Change(int i, DateTimeOffset merged, Bot.Evidence.Chain.AppendedRecord decision)
    {
        var direct = i % 10 == 0;
        var sha = i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);
        return new ChangeRecord
        {
            RecordedAt = merged.AddSeconds(i),
            InstallationId = 1,
            Repository = $"acme/repo-{i % 50}",
            Kind = direct ? ChangeKinds.DirectPush : ChangeKinds.PullRequest,
            ChangeId = direct ? sha : i.ToString(System.Globalization.CultureInfo.InvariantCulture),
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

    [Benchmark]
    public long ExportCsv()
    {
        var result = ChangeExporter.Export(_path, null,
            new ExportRequest { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31) }, Stream.Null);
        if (result.Exported != Changes || !result.ChainsOk)
        {
            throw new InvalidOperationException($"exported {result.Exported}, chains ok {result.ChainsOk}");
        }
        return result.Exported;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
