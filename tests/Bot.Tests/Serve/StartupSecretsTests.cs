using System.Diagnostics;
using System.Text;
using Bot.Evidence;
using Bot.FakeGitHub;
using Bot.LoadTest;
using Bot.Population;
using Bot.Serve;
using Bot.Tests.Support;

namespace Bot.Tests.Serve;

/// <summary><c>bot serve</c> starts only with an evidence chain key of at least 32 bytes (or without one when asked for by
/// name, for development) and an export token of at least 32 bytes when it has one; every refusal is the clean
/// "cannot start" message and exit code 2, never an unhandled exception.</summary>
public sealed class StartupSecretsTests
{
    private static readonly string Key32 = new('k', 32);

    private static void Check(string? key, bool allowUnkeyed = false, string? token = null) =>
        StartupCheck.RequireSecrets(new EvidenceOptions { HmacKey = key, AllowUnkeyedChain = allowUnkeyed }, new ExportOptions { ApiToken = token });

    [Test]
    public void Without_a_chain_key_the_service_refuses_naming_the_key_and_the_development_switch()
    {
        var error = Assert.Throws<MissingConfigurationException>(() => Check(null));

        Assert.That(error!.Missing, Has.Count.EqualTo(1));
        Assert.That(error.Message, Does.Contain("Evidence:HmacKey (env Evidence__HmacKey): a secret of at least 32 bytes"));
        Assert.That(error.Message, Does.Contain("Evidence:AllowUnkeyedChain=true"));
        Assert.Throws<MissingConfigurationException>(() => Check(""));
    }

    [Test]
    public void A_chain_key_under_32_bytes_is_refused_saying_how_long_it_is()
    {
        var error = Assert.Throws<MissingConfigurationException>(() => Check(new string('k', 31)));

        Assert.That(error!.Message, Does.Contain("Evidence:HmacKey (env Evidence__HmacKey) of at least 32 bytes: the one given has 31"));
        // The development switch is for no key at all; it never makes a short key acceptable.
        Assert.Throws<MissingConfigurationException>(() => Check(new string('k', 31), allowUnkeyed: true));
    }

    [Test]
    public void Keys_are_measured_in_utf8_bytes()
    {
        Assert.DoesNotThrow(() => Check(new string('é', 16)), "16 characters of 2 bytes each");
        var error = Assert.Throws<MissingConfigurationException>(() => Check(new string('é', 15)));
        Assert.That(error!.Message, Does.Contain("has 30"));
    }

    [Test]
    public void A_32_byte_key_or_the_development_switch_is_accepted()
    {
        Assert.DoesNotThrow(() => Check(Key32));
        Assert.DoesNotThrow(() => Check(null, allowUnkeyed: true));
        Assert.DoesNotThrow(() => Check(Key32, allowUnkeyed: true));
    }

    [Test]
    public void The_export_token_is_off_when_empty_and_otherwise_needs_32_bytes()
    {
        Assert.DoesNotThrow(() => Check(Key32, token: ""));
        Assert.DoesNotThrow(() => Check(Key32, token: new string('t', 32)));
        var error = Assert.Throws<MissingConfigurationException>(() => Check(Key32, token: "export-token-0123456789"));
        Assert.That(error!.Missing, Has.Count.EqualTo(1));
        Assert.That(error.Message, Does.Contain("Export:ApiToken (env Export__ApiToken) of at least 32 bytes: the one given has 23"));
    }

    [Test]
    public void Every_problem_is_named_at_once()
    {
        var error = Assert.Throws<MissingConfigurationException>(() => Check("short", token: "short"));

        Assert.That(error!.Missing, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task The_real_service_without_a_key_exits_2_with_the_cannot_start_message()
    {
        var (exit, output) = await RunServeAsync(new() { ["Evidence__HmacKey"] = "" });

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.StartWith("bot serve cannot start: missing or invalid configuration: Evidence:HmacKey"));
        Assert.That(output, Does.Not.Contain("Unhandled exception"));
    }

    [Test]
    public async Task The_real_service_with_a_short_key_and_a_short_export_token_names_both()
    {
        var (exit, output) = await RunServeAsync(new() { ["Evidence__HmacKey"] = "change-me", ["Export__ApiToken"] = "secret" });

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Evidence:HmacKey (env Evidence__HmacKey) of at least 32 bytes: the one given has 9"));
        Assert.That(output, Does.Contain("Export:ApiToken (env Export__ApiToken) of at least 32 bytes: the one given has 6"));
        Assert.That(output, Does.Not.Contain("Unhandled exception"));
    }

    [Test]
    public async Task A_store_chained_with_another_key_is_a_clean_refusal_not_a_crash()
    {
        var folder = Directory.CreateTempSubdirectory("bot-startup-").FullName;
        try
        {
            var database = Path.Combine(folder, "bot.db");
            await using (EvidenceProviders.For(new EvidenceStoreOptions { DatabasePath = database, HmacKey = Encoding.UTF8.GetBytes(new string('o', 40)) }).Open())
            {
            }

            var (exit, output) = await RunServeAsync(new() { ["Evidence__DatabasePath"] = database });

            Assert.That(exit, Is.EqualTo(2), output);
            Assert.That(output, Does.StartWith("bot serve cannot start: the evidence database Evidence:DatabasePath ("));
            Assert.That(output, Does.Contain("is chained with key 'hmac-sha256:"));
            Assert.That(output, Does.Not.Contain("Unhandled exception"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task The_development_switch_starts_without_a_key_and_warns()
    {
        var folder = Directory.CreateTempSubdirectory("bot-unkeyed-").FullName;
        try
        {
            await using var github = await FakeGitHubServer.StartAsync();
            await using var bot = await BotProcess.StartAsync(folder, github,
                new Dictionary<string, string> { ["Evidence__HmacKey"] = "", ["Evidence__AllowUnkeyedChain"] = "true" });

            Assert.That(await BotUnderTest.EventuallyAsync(() => bot.Log.Contains("Evidence:AllowUnkeyedChain=true", StringComparison.Ordinal)), Is.True, bot.Log);
            Assert.That(bot.Log, Does.Contain("for development only"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs <c>bot serve</c> with an otherwise complete configuration until it exits (bounded: it is expected to
    /// refuse to start); returns its exit code and everything it printed.</summary>
    private static async Task<(int Exit, string Output)> RunServeAsync(Dictionary<string, string> settings)
    {
        var folder = Directory.CreateTempSubdirectory("bot-refused-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "bot.dll"), "serve", "--urls", "http://127.0.0.1:0" })
                start.ArgumentList.Add(argument);
            var environment = new Dictionary<string, string>
            {
                ["GitHub__AppId"] = "1",
                ["GitHub__PrivateKey"] = TestAppKey.Shared.PrivateKeyPkcs8Pem,
                ["GitHub__WebhookSecret"] = "refusal-test-secret",
                ["GitHub__ApiBaseUrl"] = "http://127.0.0.1:9",
                ["Evidence__DatabasePath"] = Path.Combine(folder, "bot.db"),
                ["Evidence__HmacKey"] = BotUnderTest.HmacKey,
                ["Reconcile__Enabled"] = "false",
            };
            foreach (var (key, value) in settings) environment[key] = value;
            foreach (var (key, value) in environment) start.Environment[key] = value;

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
                Assert.Fail($"bot serve did not refuse to start:\n{await output}{await error}");
            }
            return (process.ExitCode, await error + await output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
