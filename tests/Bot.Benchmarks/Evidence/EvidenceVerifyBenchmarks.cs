using BenchmarkDotNet.Attributes;
using Bot.Evidence;
using Bot.Evidence.Commands;
using Bot.Evidence.Decisions;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks.Evidence;

/// <summary>verify over a chain of 1,000,000 decisions (target: under 5 s).</summary>
public class EvidenceVerifyBenchmarks
{
    private const int Records = 1_000_000;
    private const int Chunk = 10_000;
    private string _folder = "";
    private string _path = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = BenchmarkDecisions.NewFolder();
        _path = Path.Combine(_folder, "bot.db");
        // Bulk path: each chunk is one transaction through the same writer the service uses.
        await using var store = EvidenceStore.Open(new EvidenceStoreOptions { DatabasePath = _path });
        var chunk = new DecisionRecord[Chunk];
        for (long start = 0; start < Records; start += Chunk)
        {
            for (var i = 0; i < Chunk; i++)
            {
                chunk[i] = BenchmarkDecisions.Create(start + i);
            }
            await store.AppendDecisionsAsync(chunk);
        }
    }

    [Benchmark]
    public int VerifyOneMillion()
    {
        var exit = EvidenceCommands.Verify(_path, hmacKey: null, checkpointFile: null, TextWriter.Null);
        return exit == 0 ? exit : throw new InvalidOperationException("verify failed on an untouched chain");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
