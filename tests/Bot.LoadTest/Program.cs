using System.Globalization;
using Bot.LoadTest;
using Bot.TestSupport.Postgres;

// bot load tool: dotnet run --project tests/Bot.LoadTest -- [--intake-only] [deliveries] [rate/s] [pull requests]
// Starts a fake GitHub and the real `bot serve` on 127.0.0.1, prints the figures, exits 1 on any lost, duplicated
// or wrong outcome, 2 on arguments it does not understand. --intake-only runs the service with Worker:Enabled=false:
// what taking deliveries in costs alone. --outage [missed]: the time from start-up to a complete population after an
// hour in which GitHub could not deliver `missed` deliveries (OutageRecovery). --store postgres keeps the store in
// PostgreSQL (--connection-string to an empty database, or a throwaway cluster the tool starts, as the tests do);
// --replicas N starts N service processes on it and sends the deliveries to them in turn.
const string Usage = "usage: Bot.LoadTest [--intake-only] [--store sqlite|postgres] [--connection-string CS] [--replicas N] "
    + "[deliveries=2000] [rate=2000] [pullRequests=50] | --outage [missed=500]";
if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(Usage);
    return 0;
}
var intakeOnly = args.Contains("--intake-only");
var outage = args.Contains("--outage");
var numbers = new List<int>();
string? store = null, connectionString = null;
var replicas = 1;
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "--store" or "--connection-string" or "--replicas" && i + 1 < args.Length)
    {
        var value = args[++i];
        switch (args[i - 1])
        {
            case "--store": store = value; break;
            case "--connection-string": connectionString = value; break;
            default:
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out replicas) || replicas < 1)
                {
                    Console.Error.WriteLine($"--replicas takes a positive whole number, not '{value}'\n{Usage}");
                    return 2;
                }
                break;
        }
    }
    else rest.Add(args[i]);
}
if (store is not (null or "sqlite" or "postgres") || (connectionString is not null && store != "postgres") || (replicas > 1 && store != "postgres"))
{
    Console.Error.WriteLine($"--store is sqlite or postgres; --connection-string and more than one replica need --store postgres\n{Usage}");
    return 2;
}
foreach (var argument in rest.Where(a => a is not ("--intake-only" or "--outage")))
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

PostgresCluster? cluster = null;
if (store == "postgres" && connectionString is null)
{
    try
    {
        cluster = PostgresCluster.Acquire();
    }
    catch (NUnit.Framework.IgnoreException e)
    {
        // The fixture code reports missing PostgreSQL binaries the way a test is skipped.
        Console.Error.WriteLine($"--store postgres without --connection-string starts a cluster of its own: {e.Message}");
        return 2;
    }
    connectionString = cluster.CreateDatabase();
    Console.Error.WriteLine("store: a throwaway PostgreSQL cluster on 127.0.0.1 (fsync off, as in the tests)");
}
try
{
    var settings = new LoadSettings
    {
        Deliveries = Arg(0, 2000), Rate = Arg(1, 2000), PullRequests = Arg(2, 50), IntakeOnly = intakeOnly,
        PostgresConnectionString = connectionString, Replicas = replicas,
    };
    var report = await LoadEngine.RunAsync(settings, Console.Error);
    report.Print(Console.Out);
    return report.Outcomes.Clean ? 0 : 1;
}
finally
{
    PostgresCluster.StopShared();
}
