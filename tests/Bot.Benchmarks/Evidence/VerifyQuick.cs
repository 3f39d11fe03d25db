using System.Diagnostics;
using System.Globalization;
using Bot.Evidence;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks.Evidence;

/// <summary>
/// <c>verify-quick [--records N] [--size typical|heavy] [--runs R] [--hmac] [--keep]</c>: builds a chain in the temp folder
/// (or reuses one kept earlier), runs verify R times and prints wall time, this process's CPU time and the load average.
/// BenchmarkDotNet needs minutes to build a million records for every size; this gives the same figure in one.
/// The file is deleted afterwards unless --keep.
/// </summary>
internal static class VerifyQuick
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static async Task<int> RunAsync(string[] args)
    {
        var records = int.Parse(Option(args, "--records") ?? "1000000", CultureInfo.InvariantCulture);
        var size = Enum.Parse<DecisionSize>(Option(args, "--size") ?? "typical", ignoreCase: true);
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var hmac = args.Contains("--hmac");
        var key = hmac ? Key : null;
        var path = Path.Combine(Path.GetTempPath(), "bot-verify-quick", $"{size}-{records}{(hmac ? "-hmac" : "")}.db".ToLowerInvariant());

        if (!File.Exists(path))
        {
            var build = Stopwatch.StartNew();
            await VerifyDatabase.BuildAsync(path, records, size, key);
            Console.WriteLine($"built {path}: {records} records in {build.Elapsed.TotalSeconds:F1} s");
        }
        Console.WriteLine($"{records} records, {size} ({BenchmarkDecisions.TextBytes(size)} B of text each), file {new FileInfo(path).Length / (1024 * 1024)} MiB, {(hmac ? "HMAC-SHA-256" : "SHA-256")}, {Environment.ProcessorCount} cores");
        Console.WriteLine("| run | wall s | CPU s | load avg (1/5/15 min) before |");
        Console.WriteLine("| --- | --- | --- | --- |");
        var exit = 0;
        for (var run = 1; run <= runs; run++)
        {
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            using var output = new StringWriter();
            exit = EvidenceProviders.For(new EvidenceStoreOptions { DatabasePath = path, HmacKey = key }).Chains.Verify(null, output);
            wall.Stop();
            process.Refresh();
            var cpuUsed = process.TotalProcessorTime - cpu;
            Console.WriteLine($"| {run} | {wall.Elapsed.TotalSeconds:F2} | {cpuUsed.TotalSeconds:F2} | {string.Join(" ", load)} |");
            if (exit != 0)
            {
                Console.WriteLine(output.ToString());
                break;
            }
        }
        SqliteConnection.ClearAllPools();
        if (!args.Contains("--keep"))
        {
            File.Delete(path);
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
        }
        return exit;
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
