using System.Globalization;
using Bot.Cli;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary><c>bot scan</c> writes to the store, so it takes the key as the service does: a new file is not started with a
/// key under 32 bytes, and a file started with another key is refused with a message, not a stack trace.</summary>
public sealed class ScanKeyTests
{
    private ScratchRepository _repo = null!;
    private string _folder = null!;
    private string? _keyBefore;

    [SetUp]
    public void SetUp()
    {
        _keyBefore = Environment.GetEnvironmentVariable("Evidence__HmacKey");
        _repo = new ScratchRepository();
        _repo.Commit("Tweak config directly\n\nAI-Assisted: no\n");
        _folder = Directory.CreateTempSubdirectory("bot-scan-key-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        // The test process's key (TestProcessEnvironment) is put back whatever the test set.
        Environment.SetEnvironmentVariable("Evidence__HmacKey", _keyBefore);
        _repo.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(int Code, string Error)> ScanAsync(string? key)
    {
        Environment.SetEnvironmentVariable("Evidence__HmacKey", key);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BotCli.RunAsync(["scan", "--db", Path.Combine(_folder, "bot.db"), "--repo", _repo.Path, "--branch", "main",
            "--from", today, "--to", today, "--name", "octo/app"], output, error);
        return (code, error.ToString());
    }

    [Test]
    public async Task A_new_store_is_not_started_with_a_key_under_32_bytes()
    {
        var (code, error) = await ScanAsync("short-key");

        Assert.That(code, Is.EqualTo(ExitCodes.Failure));
        Assert.That(error, Does.StartWith("error: ").And.Contain("a new chain needs at least 32"));
    }

    [Test]
    public async Task A_store_started_with_another_key_is_refused_with_a_message()
    {
        Assert.That((await ScanAsync(new string('a', 32))).Code, Is.EqualTo(ExitCodes.Ok));

        var (code, error) = await ScanAsync(new string('b', 32));

        Assert.That(code, Is.EqualTo(ExitCodes.Failure));
        Assert.That(error, Does.StartWith("error: Evidence database ").And.Contain("is chained with key 'hmac-sha256:"));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
    }
}
