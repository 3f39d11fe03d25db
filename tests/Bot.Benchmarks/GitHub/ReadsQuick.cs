using System.Diagnostics;
using System.Globalization;

namespace Bot.Benchmarks.GitHub;

/// <summary>
/// <c>reads-quick [--transport kestrel|replay] [--evaluations N]</c>: <see cref="EvaluationReads"/> N times after a warm-up
/// of N/5, printing this process's CPU time and bytes allocated (all threads) per evaluation. CPU time, unlike
/// BenchmarkDotNet's wall clock, is not stretched by other processes waiting for the core; on a shared machine compare
/// versions alternately (A/B/A/B).
/// </summary>
internal static class ReadsQuick
{
    public static async Task<int> RunAsync(string[] args)
    {
        var transport = Enum.Parse<GitHubTransportKind>(Option(args, "--transport") ?? "replay", ignoreCase: true);
        var evaluations = int.Parse(Option(args, "--evaluations") ?? "5000", CultureInfo.InvariantCulture);

        await using var reads = await EvaluationReads.StartAsync(transport);
        for (var i = 0; i < evaluations / 5; i++)
            await reads.ReadAsync();

        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < evaluations; i++)
            await reads.ReadAsync();
        wall.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        process.Refresh();
        var cpuUsed = process.TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {transport} | {evaluations} | {cpuUsed.TotalMilliseconds * 1000 / evaluations:F0} | {bytes / 1024.0 / evaluations:F1} | {wall.Elapsed.TotalMilliseconds * 1000 / evaluations:F0} | {string.Join(" ", load)} |"));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
