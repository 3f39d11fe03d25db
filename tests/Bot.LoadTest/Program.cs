using System.Globalization;
using Bot.LoadTest;

// bot load tool: dotnet run --project tests/Bot.LoadTest -- [--intake-only] [deliveries] [rate/s] [pull requests]
// Starts a fake GitHub and the real `bot serve` on 127.0.0.1, prints the figures, exits 1 on any lost, duplicated
// or wrong outcome, 2 on arguments it does not understand. --intake-only runs the service with Worker:Enabled=false:
// what taking deliveries in costs alone. --outage [missed]: the time from start-up to a complete population after an
// hour in which GitHub could not deliver `missed` deliveries (OutageRecovery).
const string Usage = "usage: Bot.LoadTest [--intake-only] [deliveries=2000] [rate=2000] [pullRequests=50] | --outage [missed=500]";
if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(Usage);
    return 0;
}
var intakeOnly = args.Contains("--intake-only");
var outage = args.Contains("--outage");
var numbers = new List<int>();
foreach (var argument in args.Where(a => a is not ("--intake-only" or "--outage")))
{
    if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
    {
        Console.Error.WriteLine($"not a positive whole number or a known option: '{argument}'\n{Usage}");
        return 2;
    }
    numbers.Add(number);
}
if (numbers.Count > 3)
{
    Console.Error.WriteLine($"at most three numbers\n{Usage}");
    return 2;
}
int Arg(int index, int fallback) => numbers.Count > index ? numbers[index] : fallback;

if (outage)
{
    if (intakeOnly || numbers.Count > 1 || Arg(0, 500) % 10 != 0)
    {
        Console.Error.WriteLine($"--outage takes one number, a multiple of 10\n{Usage}");
        return 2;
    }
    var recovered = await OutageRecovery.RunAsync(Arg(0, 500), Console.Error);
    recovered.Print(Console.Out);
    return recovered.Clean ? 0 : 1;
}

var settings = new LoadSettings { Deliveries = Arg(0, 2000), Rate = Arg(1, 2000), PullRequests = Arg(2, 50), IntakeOnly = intakeOnly };
var report = await LoadEngine.RunAsync(settings, Console.Error);
report.Print(Console.Out);
return report.Outcomes.Clean ? 0 : 1;
