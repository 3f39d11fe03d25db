using Bot.PackageComparisons;

// Throwaway measurements for docs/decisions.md: `git [runs]`, `webhooks` (behaviour) or `bench [BenchmarkDotNet args]`.
return args switch
{
    ["git", ..] => await GitComparison.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5),
    ["webhooks"] => WebhookComparison.Behaviour(),
    ["bench", ..] => BenchmarkDotNet.Running.BenchmarkRunner.Run<WebhookParseBenchmarks>(args: args[1..]).HasCriticalValidationErrors ? 1 : 0,
    _ => throw new ArgumentException("git [runs] | webhooks | bench"),
};
