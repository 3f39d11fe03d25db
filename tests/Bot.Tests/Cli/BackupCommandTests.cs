using Bot.Cli;
using Bot.Evidence;
using Bot.Evidence.Decisions;
using Bot.Evidence.Inbox;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Cli;

/// <summary><c>bot backup</c> on a store that is being written to, as a running service writes it.</summary>
public sealed class BackupCommandTests
{
    /// <summary>Stores keyed as the service keys them: the test process's environment gives the CLI the same key.</summary>
    private static IEvidenceStore OpenStore(string path) => Support.BotUnderTest.StoreAt(path).Open();

    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("bot-backup-").FullName;

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    private static DecisionRecord Decision(int n) => new()
    {
        RecordedAt = DateTimeOffset.UtcNow,
        InstallationId = 1,
        Repository = "octo/app",
        PullRequestNumber = n,
        HeadSha = n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture),
        BaseRef = "main",
        BodySha256 = new string('b', 64),
        BotVersion = "test",
        PolicySource = "built-in defaults",
        Conclusion = "success",
        Title = $"Decision {n}",
        AiAssisted = false,
        ToolsJson = "[]",
        ContributorsJson = "[]",
        ApprovalsJson = "[]",
        RulesJson = "[]",
        DecisionJson = $$"""{"n":{{n}}}""",
    };

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await BotCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string HashAt(string database, long seq)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hash FROM decisions WHERE seq = $seq";
        command.Parameters.AddWithValue("$seq", seq);
        return (string)command.ExecuteScalar()!;
    }

    [Test]
    public async Task A_store_under_write_load_is_copied_consistently_verified_and_can_be_restored()
    {
        var database = Path.Combine(_folder, "bot.db");
        var backup = Path.Combine(_folder, "backups", "bot-backup.db");
        Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
        await using var store = OpenStore(database);
        await store.Decisions.AppendManyAsync([.. Enumerable.Range(1, 500).Select(Decision)]);

        // Writers keep going (evidence and inbox, as in the service) for the whole backup.
        using var stop = new CancellationTokenSource();
        var written = 500;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref written);
                await store.Decisions.AppendAsync(Decision(n));
                await store.Inbox.EnqueueAsync(new InboundDelivery(Guid.NewGuid().ToString(), "pull_request", "opened", 1, "octo/app",
                    DateTimeOffset.UtcNow, new byte[2048], n));
            }
        });
        while (!writer.IsCompleted && Volatile.Read(ref written) < 700) await Task.Delay(5);
        var writtenBefore = Volatile.Read(ref written);
        Assert.That(writer.IsCompleted, Is.False, "the writer is running");

        var (exit, output, error) = await RunAsync("backup", "--db", database, "--out", backup);

        // The writer goes on after the backup (nothing was left locked) and none of its writes failed (awaited below).
        var writtenAtEnd = Volatile.Read(ref written);
        while (!writer.IsCompleted && Volatile.Read(ref written) < writtenAtEnd + 50) await Task.Delay(5);
        await stop.CancelAsync();
        await writer;
        Assert.That(exit, Is.EqualTo(0), output + error);
        var verified = System.Text.RegularExpressions.Regex.Match(output, @"^ok (\d+) records, head ([0-9a-f]{64})", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.That(verified.Success, Is.True, output);
        var records = long.Parse(verified.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(records, Is.GreaterThanOrEqualTo(writtenBefore - 1), "everything committed before the backup started is in it");
        Assert.That(verified.Groups[2].Value, Is.EqualTo(HashAt(database, records)), "the copy is a prefix of the live chain");
        Assert.That(output, Does.Contain($"backup written to {backup}"));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(backup)!), Is.EqualTo(new[] { backup }), "no partial file is left behind");

        // Restore: the copy is a store the service opens, and bot verify passes on it.
        var restored = Path.Combine(_folder, "restored", "bot.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restored)!);
        File.Copy(backup, restored);
        await using (var reopened = OpenStore(restored))
        {
            Assert.That((await reopened.Inbox.CountByStateAsync())[DeliveryState.Pending], Is.GreaterThan(0), "the inbox came along");
        }
        var (verifyExit, verifyOutput, _) = await RunAsync("verify", "--db", restored);
        Assert.That(verifyExit, Is.EqualTo(0), verifyOutput);
        Assert.That(verifyOutput, Does.StartWith($"ok {records} records"));
    }

    [Test]
    public async Task An_existing_backup_is_never_overwritten_and_a_missing_store_is_bad_input()
    {
        var database = Path.Combine(_folder, "bot.db");
        await using (var store = OpenStore(database))
        {
            await store.Decisions.AppendAsync(Decision(1));
        }
        var backup = Path.Combine(_folder, "backup.db");
        await File.WriteAllTextAsync(backup, "an older backup");

        var (exit, _, error) = await RunAsync("backup", "--db", database, "--out", backup);
        var (missingExit, _, missingError) = await RunAsync("backup", "--db", Path.Combine(_folder, "nothing.db"), "--out", Path.Combine(_folder, "b2.db"));

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("already exists"));
        Assert.That(await File.ReadAllTextAsync(backup), Is.EqualTo("an older backup"));
        Assert.That(missingExit, Is.EqualTo(2));
        Assert.That(missingError, Does.Contain("no evidence database"));
    }

    [Test]
    public async Task A_copy_whose_chain_does_not_verify_is_kept_and_reported_with_exit_1()
    {
        var database = Path.Combine(_folder, "bot.db");
        await using (var store = OpenStore(database))
        {
            await store.Decisions.AppendManyAsync([.. Enumerable.Range(1, 5).Select(Decision)]);
        }
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER decisions_no_update; UPDATE decisions SET title = 'edited' WHERE seq = 3;";
            command.ExecuteNonQuery();
        }
        var backup = Path.Combine(_folder, "backup.db");

        var (exit, output, error) = await RunAsync("backup", "--db", database, "--out", backup);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("broken at seq 3"));
        Assert.That(error, Does.Contain("does not verify"));
        Assert.That(File.Exists(backup), Is.True, "what the store holds is still copied");
    }
}
