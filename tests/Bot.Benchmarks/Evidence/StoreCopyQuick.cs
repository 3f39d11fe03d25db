using System.Diagnostics;
using System.Globalization;
using Bot.Evidence.Postgres;
using Bot.TestSupport.Postgres;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks.Evidence;

/// <summary>
/// <c>store-copy-quick [--records N] [--runs R]</c>: builds a SQLite store of N typical decisions in the temp folder, starts
/// a PostgreSQL cluster of its own (the test suite's, <see cref="PostgresCluster"/>) and times <c>bot store copy</c> into a
/// fresh database R times: the source's verify, the copy, and the copy's verify, as the command runs them. Prints wall
/// time, this process's CPU time and the load average (the machine is shared).
/// </summary>
internal static class StoreCopyQuick
{
    public static async Task<int> RunAsync(string[] args)
    {
        var records = int.Parse(VerifyQuick.Option(args, "--records") ?? "100000", CultureInfo.InvariantCulture);
        var runs = int.Parse(VerifyQuick.Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var folder = Path.Combine(Path.GetTempPath(), "bot-store-copy-quick", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "bot.db");
        var cluster = PostgresCluster.Acquire();
        try
        {
            var build = Stopwatch.StartNew();
            await VerifyDatabase.BuildAsync(path, records, DecisionSize.Typical);
            Console.WriteLine($"built {records} typical decisions in {build.Elapsed.TotalSeconds:F1} s, file {new FileInfo(path).Length / (1024 * 1024)} MiB, {Environment.ProcessorCount} cores");
            Console.WriteLine("| run | wall s | CPU s | load avg (1/5/15 min) before |");
            Console.WriteLine("| --- | --- | --- | --- |");
            for (var run = 1; run <= runs; run++)
            {
                var target = cluster.CreateDatabase();
                var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                using var output = new StringWriter();
                var exit = SqliteToPostgresCopy.Copy(path, target, hmacKey: null, output, Console.Error);
                wall.Stop();
                process.Refresh();
                Console.WriteLine($"| {run} | {wall.Elapsed.TotalSeconds:F2} | {(process.TotalProcessorTime - cpu).TotalSeconds:F2} | {string.Join(" ", load)} |");
                cluster.DropDatabase(target);
                if (exit != 0)
                {
                    return exit;
                }
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            PostgresCluster.StopShared();
            Directory.Delete(folder, recursive: true);
        }
    }
}
