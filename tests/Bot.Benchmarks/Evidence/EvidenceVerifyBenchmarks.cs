using BenchmarkDotNet.Attributes;
using Bot.Evidence;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks.Evidence;

/// <summary>
/// verify over a chain of 1,000,000 decisions (target: under 5 s). Building the file takes minutes per size; for a quicker
/// figure with CPU time and load average, run the benchmarks program with <c>verify-quick</c> (see <see cref="VerifyQuick"/>).
/// </summary>
public class EvidenceVerifyBenchmarks
{
    private const int Records = 1_000_000;
    private string _folder = "";
    private string _path = "";

    [Params(DecisionSize.Typical, DecisionSize.Heavy)]
    public DecisionSize Size { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = BenchmarkDecisions.NewFolder();
        _path = Path.Combine(_folder, "bot.db");
        await VerifyDatabase.BuildAsync(_path, Records, Size);
    }

    [Benchmark]
    public int VerifyOneMillion()
    {
        var exit = EvidenceProviders.For(new EvidenceStoreOptions { DatabasePath = _path }).Chains.Verify(null, TextWriter.Null);
        return exit == 0 ? exit : throw new InvalidOperationException("verify failed on an untouched chain");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
