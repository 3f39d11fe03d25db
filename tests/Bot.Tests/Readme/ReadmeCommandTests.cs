using System.Text.RegularExpressions;
using Bot.FakeGitHub;
using Bot.Tests.Support;

namespace Bot.Tests.Readme;

/// <summary>The README's commands work exactly as written, from the folder a user runs them in: the serve command is read
/// out of README.md at test time (so the two cannot drift) and run through <c>bash -c</c> in a copy of the sources, as on
/// a fresh clone. Relative paths (<c>./app.pem</c>, <c>data/bot.db</c>, a message file) resolve against that folder, not
/// against src/Bot, where <c>dotnet run</c> of a web project used to start the program.</summary>
[NonParallelizable]
public sealed partial class ReadmeCommandTests
{
    private string _clone = null!;

    [OneTimeSetUp]
    public async Task BuildTheCopy()
    {
        _clone = RepositoryRoot.CopySources();
        // Built once up front, so each `dotnet run` below only checks that the build is current.
        var build = await RunShellAsync("dotnet build src/Bot -nologo -v q", TimeSpan.FromMinutes(10));
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
    }

    [OneTimeTearDown]
    public void RemoveTheCopy()
    {
        try { Directory.Delete(_clone, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    [Test]
    public async Task The_readme_serve_command_answers_healthz_with_the_key_and_database_in_the_callers_folder()
    {
        var command = ServeCommand();
        var port = LoopbackPort.Free();
        // The only change: the port, so that the test cannot collide with anything listening on the README's.
        var runnable = UrlsPort().Replace(command, m => m.Groups["head"].Value + port.ToString(System.Globalization.CultureInfo.InvariantCulture), 1);
        Assert.That(runnable, Is.Not.EqualTo(command), $"the README's serve command names a port with --urls: {command}");
        var host = UrlsPort().Match(command).Groups["host"].Value;
        Assert.That(host, Is.EqualTo("127.0.0.1").Or.EqualTo("localhost"), "the README's command serves on the loopback interface");

        // A fake GitHub whose App is the README's App id with a key generated now, written where the command points.
        var appId = AppIdSetting().Match(command).Groups[1].Value;
        await using var github = await FakeGitHubServer.StartAsync(appId: appId);
        await File.WriteAllTextAsync(Path.Combine(_clone, "app.pem"), github.Key.PrivateKeyPkcs1Pem);
        // GitHub's address is the one setting added around the command: the README's placeholder App must not be tried
        // against api.github.com from a test.
        await using var serve = StartShell(runnable, new Dictionary<string, string> { ["GitHub__ApiBaseUrl"] = github.BaseUrl.ToString().TrimEnd('/') });

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var healthy = await BotUnderTest.EventuallyAsync(async () =>
        {
            if (serve.HasExited) return true;
            try { return (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, timeoutSeconds: 300);
        Assert.That(healthy && !serve.HasExited, Is.True, $"`{runnable}` did not answer /healthz:\n{serve.Output}\n{serve.Error}");

        Assert.That(await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)), Is.EqualTo("ok\n"));
        Assert.That(File.Exists(Path.Combine(_clone, "data", "bot.db")), Is.True, "the database lands in data/ of the folder the command ran in");
        Assert.That(Directory.Exists(Path.Combine(_clone, "src", "Bot", "data")), Is.False, "nothing is written under src/Bot");
        Assert.That(github.Calls.For("GET /app"), Is.EqualTo(1), "the App credentials were checked at start-up");
    }

    [Test]
    public async Task A_relative_file_argument_under_dotnet_run_is_read_from_the_callers_folder()
    {
        Directory.CreateDirectory(Path.Combine(_clone, "notes"));
        await File.WriteAllTextAsync(Path.Combine(_clone, "notes", "msg.txt"), "Add parser\n\nAI-Assisted: Claude Code 1.0\n");

        var result = await RunShellAsync("dotnet run --project src/Bot -- trailers notes/msg.txt", TimeSpan.FromMinutes(5));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("AI-Assisted: Claude Code 1.0"));
    }

    /// <summary>The one README line that runs <c>bot serve</c> through <c>dotnet run</c>.</summary>
    private static string ServeCommand()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md"))
            .Select(line => line.Trim())
            .Where(line => line.Contains("dotnet run --project src/Bot -- serve", StringComparison.Ordinal))
            .ToList();
        Assert.That(lines, Has.Count.EqualTo(1), "README.md has one serve command");
        return lines[0];
    }

    private ChildProcess StartShell(string command, IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.Start("bash", ["-c", command], _clone, new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            // No MSBuild worker processes left running after the test.
            ["MSBUILDDISABLENODEREUSE"] = "1",
        });

    private async Task<ChildResult> RunShellAsync(string command, TimeSpan timeout)
    {
        await using var shell = StartShell(command);
        return await shell.WaitAsync(timeout);
    }


    [GeneratedRegex(@"(?<head>--urls[ =]https?://(?<host>[^:/\s]+):)\d+")]
    private static partial Regex UrlsPort();

    [GeneratedRegex(@"GitHub__AppId=(\S+)")]
    private static partial Regex AppIdSetting();
}
