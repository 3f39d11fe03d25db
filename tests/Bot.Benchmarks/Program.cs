using Bot.Benchmarks.Dashboard;
using Bot.Benchmarks.Evidence;
using Bot.Benchmarks.Export;
using Bot.Benchmarks.GitHub;

if (args.Length > 0 && args[0] == "verify-quick")
{
    return await VerifyQuick.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "dashboard-quick")
{
    return await DashboardQuick.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "export-quick")
{
    return await ExportQuick.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "store-copy-quick")
{
    return await StoreCopyQuick.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "reads-quick")
{
    return await ReadsQuick.RunAsync(args[1..]);
}
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(ExportDatabase).Assembly).Run(args);
return 0;
