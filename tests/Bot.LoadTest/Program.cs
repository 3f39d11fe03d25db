using System.Globalization;
using Bot.LoadTest;

// bot load tool: dotnet run --project tests/Bot.LoadTest -- [--intake-only] [deliveries] [rate/s] [pull requests]
// Starts a fake GitHub and the real `bot serve` on 127.0.0.1, prints the figures, exits 1 on any lost, duplicated
// or wrong outcome. --intake-only runs the service with Worker:Enabled=false: what taking deliveries in costs alone.
var intakeOnly = args.Contains("--intake-only");
var numbers = args.Where(a => a != "--intake-only").ToArray();
int Arg(int index, int fallback) =>
    numbers.Length > index && int.TryParse(numbers[index], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine("usage: Bot.LoadTest [--intake-only] [deliveries=2000] [rate=2000] [pullRequests=50]");
    return 0;
}
var settings = new LoadSettings { Deliveries = Arg(0, 2000), Rate = Arg(1, 2000), PullRequests = Arg(2, 50), IntakeOnly = intakeOnly };
var report = await LoadEngine.RunAsync(settings, Console.Error);
report.Print(Console.Out);
return report.Outcomes.Clean ? 0 : 1;
