using BenchmarkDotNet.Attributes;
using Bot.Benchmarks.Evidence;
using Bot.Evidence.Export;

namespace Bot.Benchmarks.Export;

/// <summary>
/// <c>bot export</c> of 1,000,000 changes to CSV (target: under 10 s, memory flat because rows are streamed).
/// The population is <see cref="ExportDatabase"/>'s. Export includes verifying every chain, as the command does.
/// Run: <c>dotnet run -c Release --project tests/Bot.Benchmarks -- --filter *ExportBenchmarks* --job short</c>
/// (or <c>-- export-quick</c> for wall time, CPU time and peak RSS in one go, see <see cref="ExportQuick"/>).
/// </summary>
[MemoryDiagnoser]
public class ExportBenchmarks
{
    private const int Changes = 1_000_000;
    private string _folder = "";
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = BenchmarkDecisions.NewFolder();
        _path = Path.Combine(_folder, "export.db");
        ExportDatabase.BuildAsync(_path, Changes).GetAwaiter().GetResult();
    }

    [Benchmark]
    public long ExportCsv()
    {
        var result = ChangeExporter.Export(_path, null, ExportDatabase.Request, Stream.Null);
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
