using Bot.Benchmarks.Evidence;
using Bot.Benchmarks.Export;

if (args.Length > 0 && args[0] == "verify-quick")
{
    return await VerifyQuick.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "export-quick")
{
    return await ExportQuick.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "store-copy-quick")
{
    return await StoreCopyQuick.RunAsync(args[1..]);
}
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
