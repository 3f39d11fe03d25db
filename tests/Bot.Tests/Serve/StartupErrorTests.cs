using System.Net;
using System.Net.Sockets;
using Bot.FakeGitHub;
using Bot.Tests.Support;

namespace Bot.Tests.Serve;

/// <summary>The real <c>bot serve</c> process with settings it cannot work with: each ends in one "bot serve cannot start:"
/// line naming the setting and the reason, exit code 2, and never an unhandled exception. GitHub refusing the App's
/// credentials at start-up is such an error; GitHub not answering is only a warning.</summary>
public sealed class StartupErrorTests
{
    private string _folder = null!;
    private FakeGitHubServer _github = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("bot-startup-").FullName;
        _github = await FakeGitHubServer.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(_folder, "app.pem"), _github.Key.PrivateKeyPkcs1Pem);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _github.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    [Test]
    public async Task A_non_numeric_app_id_is_refused()
    {
        var result = await ServeAsync(new() { ["GitHub__AppId"] = "my-app" });

        AssertCannotStart(result, "GitHub:AppId must be the App's numeric id", "'my-app'");
    }

    [Test]
    public async Task An_unreadable_key_file_is_refused()
    {
        // A file that exists and cannot be read, whoever runs the test: reading /proc/self/mem from offset 0 fails (EIO).
        // (A key file of mode 0400 owned by another user is the usual case, but root reads through file modes.)
        const string unreadable = "/proc/self/mem";

        var result = await ServeAsync(new() { ["GitHub__PrivateKeyPath"] = unreadable });

        AssertCannotStart(result, $"GitHub:PrivateKeyPath ({unreadable}) cannot be used", "Input/output error");
    }

    [Test]
    public async Task A_key_path_that_is_a_folder_is_refused()
    {
        var folder = Path.Combine(_folder, "key.pem");
        Directory.CreateDirectory(folder);

        var result = await ServeAsync(new() { ["GitHub__PrivateKeyPath"] = folder });

        AssertCannotStart(result, $"GitHub:PrivateKeyPath points to a folder, not a key file ({folder})");
    }

    [Test]
    public async Task A_key_file_that_is_not_pem_is_refused()
    {
        var key = Path.Combine(_folder, "not-a-key.pem");
        await File.WriteAllTextAsync(key, "ssh-rsa AAAAB3NzaC1yc2E this is a public key, not the App's private key\n");

        var result = await ServeAsync(new() { ["GitHub__PrivateKeyPath"] = key });

        AssertCannotStart(result, "GitHub:PrivateKeyPath", "not a PEM-encoded RSA key");
        Assert.That(result.Error, Does.Not.Contain("AAAAB3NzaC1yc2E"), "key material is never echoed");
    }

    [Test]
    public async Task An_unwritable_database_path_is_refused()
    {
        // The database's folder would have to be created inside a regular file.
        var file = Path.Combine(_folder, "plain-file");
        await File.WriteAllTextAsync(file, "");

        var result = await ServeAsync(new() { ["Evidence__DatabasePath"] = Path.Combine(file, "bot.db") });

        AssertCannotStart(result, "Evidence:DatabasePath", Path.Combine(file, "bot.db"));
    }

    [Test]
    public async Task A_store_provider_this_build_does_not_have_is_refused_naming_the_ones_it_has()
    {
        var result = await ServeAsync(new() { ["Evidence__Provider"] = "oracle" });

        AssertCannotStart(result, "Evidence:Provider 'oracle' is not a store this build has (known: sqlite, postgres)");
        Assert.That(File.Exists(Path.Combine(_folder, "data", "bot.db")), Is.False, "no SQLite store was made instead");
    }

    [Test]
    public async Task A_setting_of_the_wrong_type_on_the_command_line_is_refused_naming_it()
    {
        // Settings after `serve` reach the service's configuration as given.
        var result = await ChildProcess.RunBotAsync(["serve", "--urls", $"http://127.0.0.1:{LoopbackPort.Free()}", "--Worker:Concurrency=eight"],
            _folder, Environment([]), timeoutSeconds: 60);

        AssertCannotStart(result, "'eight'", "Worker:Concurrency");
    }

    [Test]
    public async Task A_wrong_app_id_is_refused_by_github_at_start_up()
    {
        var result = await ServeAsync(new() { ["GitHub__AppId"] = "999" });

        AssertCannotStart(result, "GitHub refused the App credentials", "401", "GitHub:AppId (999)");
        Assert.That(_github.Calls.For("GET /app"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_key_github_does_not_know_is_refused_at_start_up()
    {
        using var revoked = TestAppKey.Generate();
        await File.WriteAllTextAsync(Path.Combine(_folder, "app.pem"), revoked.PrivateKeyPkcs1Pem);

        var result = await ServeAsync([]);

        AssertCannotStart(result, "GitHub refused the App credentials", "401", "revoked");
    }

    [Test]
    public async Task An_address_in_use_is_refused()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await ServeAsync([], port);

        AssertCannotStart(result, $"127.0.0.1:{port}", "address already in use");
    }

    [Test]
    public async Task Github_not_answering_is_a_warning_and_the_service_starts()
    {
        var port = LoopbackPort.Free();
        // Port 9 (discard) on the loopback: nothing listens, so every call is refused at once.
        await using var serve = ChildProcess.Bot(["serve", "--urls", $"http://127.0.0.1:{port}"], _folder,
            Environment(new() { ["GitHub__ApiBaseUrl"] = "http://127.0.0.1:9" }));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };

        var healthy = await BotUnderTest.EventuallyAsync(async () =>
        {
            if (serve.HasExited) return true;
            try { return (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, timeoutSeconds: 60);

        Assert.That(healthy && !serve.HasExited, Is.True, $"{serve.Output}\n{serve.Error}");
        Assert.That(serve.Output + serve.Error, Does.Contain("Could not check the App credentials with GitHub"));
    }

    private async Task<ChildResult> ServeAsync(Dictionary<string, string> settings, int? port = null) =>
        await ChildProcess.RunBotAsync(["serve", "--urls", $"http://127.0.0.1:{port ?? LoopbackPort.Free()}"], _folder, Environment(settings), timeoutSeconds: 60);

    /// <summary>A working configuration (the fake GitHub's App and key, a database in the test folder) with
    /// <paramref name="settings"/> changed.</summary>
    private Dictionary<string, string> Environment(Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["GitHub__AppId"] = _github.AppId,
            ["GitHub__PrivateKeyPath"] = Path.Combine(_folder, "app.pem"),
            ["GitHub__WebhookSecret"] = "startup-test-secret",
            ["GitHub__ApiBaseUrl"] = _github.BaseUrl.ToString().TrimEnd('/'),
            ["GitHub__Resilience__BaseDelay"] = "00:00:00.010",
            ["GitHub__Resilience__MaxBackoffDelay"] = "00:00:00.050",
            ["Evidence__DatabasePath"] = Path.Combine(_folder, "data", "bot.db"),
            ["Evidence__HmacKey"] = "startup-test-hmac-key-of-32-bytes-or-more",
            ["Reconcile__Enabled"] = "false",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        return environment;
    }

    private static void AssertCannotStart(ChildResult result, params string[] reasons)
    {
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), $"one line on standard error: {result}");
        Assert.That(lines[0], Does.StartWith("bot serve cannot start: "));
        foreach (var reason in reasons) Assert.That(lines[0], Does.Contain(reason));
        Assert.That(result.Output + result.Error, Does.Not.Contain("Unhandled exception"));
    }

}
