using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bot.Benchmarks.Export;
using Bot.Evidence.Export;
using Bot.FakeGitHub;
using Bot.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Benchmarks.Dashboard;

/// <summary>
/// <c>dashboard-quick [--changes N] [--runs R]</c>: the export benchmark's population (<see cref="ExportDatabase"/>, built once
/// and kept in the temp folder) behind a real <c>bot serve</c> with the dashboard on, signed in through the fake GitHub's
/// OAuth pages, then each page fetched R times over HTTP on 127.0.0.1 and timed from request to the last byte: the
/// Overview of the whole population, the Changes table at the top, deep inside and filtered, and a change's page. The
/// Overview's reads alone (<see cref="OverviewReader"/>) are timed too, to tell the store's part from the page's.
/// </summary>
internal static partial class DashboardQuick
{
    public static async Task<int> RunAsync(string[] args)
    {
        var changes = int.Parse(ExportQuick.Option(args, "--changes") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(ExportQuick.Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var path = await ExportDatabase.KeptAsync("bot-dashboard-quick", changes);
        var request = ExportDatabase.Request;
        var period = $"from={request.From:yyyy-MM-dd}&to={request.To:yyyy-MM-dd}";
        Console.WriteLine($"{changes} changes, file {new FileInfo(path).Length / (1024 * 1024)} MiB, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");

        var reads = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var overview = OverviewReader.Read(path, request);
            reads.Add(watch.Elapsed.TotalMilliseconds);
            if (overview.Population != changes)
            {
                Console.WriteLine($"unexpected population {overview.Population}");
                return 1;
            }
        }
        Console.WriteLine($"OverviewReader.Read alone: {Describe(reads)}");

        await using var github = await FakeGitHubServer.StartAsync();
        github.SignInAs(new FakeUser(1, "auditor"));
        var app = ServeHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["GitHub:ApiBaseUrl"] = github.BaseUrl.ToString().TrimEnd('/'),
                ["GitHub:AppId"] = github.AppId,
                ["GitHub:PrivateKey"] = github.Key.PrivateKeyPkcs8Pem,
                ["GitHub:WebhookSecret"] = "benchmark",
                ["GitHub:ClientId"] = FakeGitHubServer.OAuthClientId,
                ["GitHub:ClientSecret"] = FakeGitHubServer.OAuthClientSecret,
                ["GitHub:WebBaseUrl"] = github.BaseUrl.ToString().TrimEnd('/'),
                ["Dashboard:Allowed:0"] = "auditor",
                ["Dashboard:KeysPath"] = Path.Combine(Path.GetDirectoryName(path)!, "keys"),
                ["Evidence:DatabasePath"] = path,
                ["Evidence:AllowUnkeyedChain"] = "true",
                ["Reconcile:Enabled"] = "false",
                ["Worker:Enabled"] = "false",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address };
            await SignInAsync(http);

            var middle = (await FirstChangeLinkAsync(http, $"/dashboard/changes?{period}&after=2025-03-06T18%3A53%3A20.0000000Z~500001"))!;
            var pages = new (string Name, string Path)[]
            {
                ("Overview, whole population", $"/dashboard?{period}"),
                ("Overview, one repository", $"/dashboard?{period}&repo=acme%2Frepo-7"),
                ("Changes, first page", $"/dashboard/changes?{period}"),
                ("Changes, page at the 500,000th change", $"/dashboard/changes?{period}&after=2025-03-06T18%3A53%3A20.0000000Z~500001"),
                ("Changes, AI-assisted", $"/dashboard/changes?{period}&ai=yes"),
                ("Changes, direct pushes (a finding)", $"/dashboard/changes?{period}&finding=no_pull_request"),
                ("Changes, one repository, not AI", $"/dashboard/changes?{period}&repo=acme%2Frepo-7&ai=no"),
                ("Changes, a finding no change has (every change with findings read)", $"/dashboard/changes?{period}&finding=declaration_lost_on_merge"),
                ("Changes, with an approved override", $"/dashboard/changes?{period}&override=yes"),
                ("A change", middle),
            };
            Console.WriteLine("| page | runs | first ms | median ms | max ms after the first |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var (name, pagePath) in pages)
            {
                var times = new List<double>();
                for (var run = 0; run <= runs; run++)
                {
                    var watch = Stopwatch.StartNew();
                    using var response = await http.GetAsync(pagePath);
                    var body = await response.Content.ReadAsStringAsync();
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    if (response.StatusCode != HttpStatusCode.OK || !body.Contains("</html>", StringComparison.Ordinal))
                    {
                        Console.WriteLine($"{name}: {(int)response.StatusCode}");
                        return 1;
                    }
                }
                var rest = times.Skip(1).Order().ToList();
                Console.WriteLine($"| {name} | {runs} | {times[0]:F0} | {rest[rest.Count / 2]:F0} | {rest[^1]:F0} |");
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
        return 0;
    }

    /// <summary>The sign-in page's form, GitHub's (the fake's) authorize page, the callback: the cookie container keeps the
    /// session, as a browser would.</summary>
    private static async Task SignInAsync(HttpClient http)
    {
        var page = await http.GetStringAsync("/dashboard/signin");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        using var signedIn = await http.PostAsync("/dashboard/signin", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        if (signedIn.RequestMessage?.RequestUri?.AbsolutePath != "/dashboard")
        {
            throw new InvalidOperationException($"sign-in ended at {signedIn.RequestMessage?.RequestUri} ({(int)signedIn.StatusCode})");
        }
    }

    private static async Task<string?> FirstChangeLinkAsync(HttpClient http, string pagePath)
    {
        var html = await http.GetStringAsync(pagePath);
        return ChangeLink().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private static string Describe(List<double> times) =>
        $"first {times[0]:F0} ms, median of the rest {times.Skip(1).Order().ElementAt((times.Count - 1) / 2):F0} ms, max {times.Skip(1).Max():F0} ms";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("href=\"(/dashboard/changes/[0-9]+[^\"]*)\"")]
    private static partial Regex ChangeLink();
}
