using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.FakeGitHub;
using Bot.LoadTest;

namespace Bot.Tests.Telemetry;

/// <summary>The console output of a real <c>bot serve</c> process whose GitHub is unreachable and whose stale-check sweep
/// runs (and fails) every 0.6 s: the log an operator reads.</summary>
public sealed partial class ServeLogFormatTests
{
    private static readonly Dictionary<string, string> FailingSweeps = new()
    {
        ["GitHub__ApiBaseUrl"] = "http://127.0.0.1:9", // nothing listens there: connection refused
        ["GitHub__Resilience__MaxRetryAttempts"] = "0",
        ["Reconcile__Enabled"] = "true",
        ["Reconcile__IntervalMinutes"] = "0.01",
        ["Logging__LogLevel__Default"] = "Information",
        // Not UTC, so a local timestamp would show.
        ["TZ"] = "Pacific/Auckland",
    };

    private static async Task<string> RunAsync(IReadOnlyDictionary<string, string> extra)
    {
        var folder = Directory.CreateTempSubdirectory("bot-log-").FullName;
        try
        {
            await using var github = await FakeGitHubServer.StartAsync();
            var settings = new Dictionary<string, string>(FailingSweeps);
            foreach (var (key, value) in extra) settings[key] = value;
            string log;
            await using (var bot = await BotProcess.StartAsync(folder, github, settings))
            {
                using var http = new HttpClient { BaseAddress = bot.BaseUrl };
                for (var i = 0; i < 5; i++) (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).EnsureSuccessStatusCode();
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (Regex.Count(bot.Log, @"Stale-check sweep failed \(\d") < 4 && DateTime.UtcNow < deadline) await Task.Delay(100);
                log = bot.Log;
            }
            return log;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    private static List<string> Lines(string log) => [.. log.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];

    [Test]
    public async Task Text_lines_start_with_a_UTC_timestamp_and_level_and_a_repeating_failure_shows_its_stack_trace_once()
    {
        var lines = Lines(await RunAsync(new Dictionary<string, string>()));

        Assert.That(lines, Is.Not.Empty);
        foreach (var line in lines)
        {
            var match = TextLine().Match(line);
            Assert.That(match.Success, Is.True, $"not '<UTC time> <level>: ...': {line}");
            var time = DateTimeOffset.ParseExact(match.Groups["time"].Value, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            Assert.That(time, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)), $"not UTC: {line}");
        }
        Assert.That(lines, Has.Some.Contains("info: Microsoft.Hosting.Lifetime"), "start-up lines are kept");
        Assert.That(lines, Has.None.Contains("Request starting").And.None.Contains("Request finished"), "no per-request lines by default");

        var failures = lines.Where(l => l.Contains("Stale-check sweep failed", StringComparison.Ordinal)).ToList();
        Assert.That(failures, Has.Count.GreaterThanOrEqualTo(4));
        Assert.That(failures, Has.All.StartsWith("20").And.All.Contains(" fail: ").And.All.Contains("Connection refused"), "a one-line reason each time");
        // The population reconciliation fails too (once, at start-up), with a streak and a stack trace of its own.
        var withStackTrace = failures.Where(l => StackFrame().IsMatch(l)).ToList();
        Assert.That(withStackTrace, Has.Count.EqualTo(1), string.Join("\n", withStackTrace));
        Assert.That(withStackTrace[0], Is.EqualTo(failures[0]), "the first failure carries the stack trace");
        Assert.That(lines.Count(l => StackFrame().IsMatch(l)), Is.LessThanOrEqualTo(2), "no stack trace but the first of each pass's streak");
    }

    [Test]
    public async Task Logging_Format_json_writes_one_JSON_object_per_line()
    {
        var lines = Lines(await RunAsync(new Dictionary<string, string> { ["Logging__Format"] = "json" }));

        var entries = lines.Select(line =>
        {
            try { return JsonDocument.Parse(line).RootElement; }
            catch (JsonException e) { throw new AssertionException($"not one JSON object: {line}", e); }
        }).ToList();
        foreach (var entry in entries)
        {
            Assert.That(entry.GetProperty("Timestamp").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
            Assert.That(entry.GetProperty("LogLevel").GetString(), Is.AnyOf("Trace", "Debug", "Information", "Warning", "Error", "Critical"));
            Assert.That(entry.GetProperty("Category").GetString(), Is.Not.Empty);
        }
        var failures = entries.Where(e => e.GetProperty("Message").GetString()!.Contains("Stale-check sweep failed", StringComparison.Ordinal)).ToList();
        Assert.That(failures, Has.Count.GreaterThanOrEqualTo(4));
        Assert.That(failures.Count(e => e.TryGetProperty("Exception", out var exception) && exception.GetString()!.Contains(" at ", StringComparison.Ordinal)),
            Is.EqualTo(1), "the stack trace once");
        Assert.That(failures[0].GetProperty("State").GetProperty("Reason").GetString(), Does.Contain("Connection refused"), "structured fields");
    }

    [GeneratedRegex(@"^(?<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex TextLine();

    // A frame of a .NET stack trace ("   at Bot.GitHub....(...)"), which the single-line format keeps on the same line.
    [GeneratedRegex(@"\bat (Bot|System)\.[\w.`<>]+\(")]
    private static partial Regex StackFrame();
}
