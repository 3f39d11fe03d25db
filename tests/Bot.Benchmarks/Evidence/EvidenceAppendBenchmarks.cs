using BenchmarkDotNet.Attributes;
using Bot.Evidence;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks.Evidence;

/// <summary>Decisions/s through the single group-commit writer with synchronous=FULL: 10,000 appends issued at once.</summary>
[MemoryDiagnoser]
public class EvidenceAppendBenchmarks
{
    private const int Appends = 10_000;
    private string _folder = "";
    private IEvidenceStore _store = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = BenchmarkDecisions.NewFolder();
        _store = EvidenceProviders.For(new EvidenceStoreOptions { DatabasePath = Path.Combine(_folder, "bot.db") }).Open();
    }

    [Benchmark(OperationsPerInvoke = Appends)]
    public async Task AppendDecisionsConcurrently()
    {
        var appends = new Task[Appends];
        for (var i = 0; i < Appends; i++)
        {
            appends[i] = _store.Decisions.AppendAsync(BenchmarkDecisions.Create(Interlocked.Increment(ref _next)));
        }
        await Task.WhenAll(appends);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
