using System.Diagnostics;
using System.Globalization;
using Bot.Evidence.Export;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks.Export;

/// <summary>
/// <c>export-quick [--changes N] [--runs R] [--out FILE] [--phases]</c>: builds the export population once (kept in the temp
/// folder for the next call), then runs the CSV export R times and prints wall time, this process's CPU time, the peak RSS of
/// each run (VmHWM: it counts the pages of the memory-mapped database file too) and the peak anonymous RSS (the heap: what
/// "flat memory" is about), and the load average. --phases times the parts of an export instead (<see cref="ExportPhases"/>). BenchmarkDotNet would rebuild the million changes for every job; this gives the figure in one go.
/// With --out the CSV goes to FILE (to compare outputs), otherwise it is discarded.
/// </summary>
internal static class ExportQuick
{
    public static async Task<int> RunAsync(string[] args)
    {
        var changes = int.Parse(Option(args, "--changes") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var outFile = Option(args, "--out");
        var path = await ExportDatabase.KeptAsync("bot-export-quick", changes);
        if (args.Contains("--phases"))
        {
            ExportPhases.Run(path);
            return 0;
        }
        Console.WriteLine($"{changes} changes, file {new FileInfo(path).Length / (1024 * 1024)} MiB, {Environment.ProcessorCount} cores");
        Console.WriteLine("| run | wall s | CPU s | peak RSS MiB | peak anon RSS MiB | gen0 GCs | GC pause s | rows | load avg (1/5/15 min) before |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var run = 1; run <= runs; run++)
        {
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
            GC.Collect();
            ResetPeakRss();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var gcs = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            var wall = Stopwatch.StartNew();
            using var anon = new PeakSampler(() => StatusKiB("RssAnon:"));
            ExportCompleteness result;
            using (var output = outFile is null ? Stream.Null : File.Create(outFile))
            {
                result = ChangeExporter.Export(path, null, ExportDatabase.Request, output);
            }
            wall.Stop();
            process.Refresh();
            var cpuUsed = process.TotalProcessorTime - cpu;
            Console.WriteLine($"| {run} | {wall.Elapsed.TotalSeconds:F2} | {cpuUsed.TotalSeconds:F2} | {StatusKiB("VmHWM:") / 1024} | {anon.Peak / 1024} | {GC.CollectionCount(0) - gcs} | {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} | {result.Exported} | {string.Join(" ", load)} |");
            if (result.Exported != changes || !result.ChainsOk)
            {
                Console.WriteLine($"unexpected: exported {result.Exported}, chains ok {result.ChainsOk}");
                return 1;
            }
        }
        SqliteConnection.ClearAllPools();
        return 0;
    }

    // Writing 5 to clear_refs resets the process's peak RSS (VmHWM), so each run reports its own peak (Linux).
    private static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long StatusKiB(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The highest value <c>sample</c> gave, asked every 20 ms on a thread of its own until disposed.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Func<long> _sample;
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public PeakSampler(Func<long> sample)
        {
            _sample = sample;
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), _sample()));
                    Thread.Sleep(20);
                }
            }) { IsBackground = true, Name = "peak-sampler" };
            _thread.Start();
        }

        public long Peak
        {
            get
            {
                Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), _sample()));
                return Interlocked.Read(ref _peak);
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
