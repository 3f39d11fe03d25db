using Bot.Cli;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary>What every command promises: exit 0 ok, 1 check failed or chain broken (or the database unreadable),
/// 2 bad arguments, 3 exported with gaps; a command line the parser refuses gets one error line and the usage line.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Code, string Output, string[] Errors)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BotCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Test]
    public async Task A_wrong_option_prints_one_error_line_and_the_usage_line_and_exits_2()
    {
        var (code, output, errors) = await Run("verify", "--bogus");

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(output, Is.Empty, "no help text");
        Assert.That(errors, Is.EqualTo(new[]
        {
            "error: Unrecognized command or argument '--bogus'.",
            "usage: bot verify [options] (more: bot verify --help)",
        }));
    }

    [Test]
    public async Task A_value_outside_the_choices_is_still_one_error_line()
    {
        var (code, _, errors) = await Run("check", "--repo", ".", "--base", "main", "--format", "html");

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(errors, Has.Length.EqualTo(2));
        Assert.That(errors[0], Does.StartWith("error: ").And.Contain("'html'").And.Contain("'text'").And.Contain("'md'"));
        Assert.That(errors[1], Does.StartWith("usage: bot check [options]"));
    }

    [Test]
    public async Task No_command_is_bad_arguments()
    {
        var (code, _, errors) = await Run();

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(errors[^1], Does.StartWith("usage: bot [command] [options]"));
    }

    [Test]
    public async Task Help_lists_serve_and_every_command()
    {
        var (code, output, _) = await Run("--help");

        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        foreach (var command in new[] { "serve", "check", "trailers", "verify", "checkpoint", "export", "scan", "receive" })
            Assert.That(output, Does.Match($@"\n  {command}\b"), command);
    }

    [Test]
    public async Task Serve_help_prints_help_and_does_not_start_the_service()
    {
        var folder = Directory.CreateTempSubdirectory("bot-serve-help-").FullName;
        try
        {
            // No settings at all: were the service started, it would refuse with exit 2.
            var result = await ChildProcess.RunBotAsync(["serve", "--help"], folder, timeoutSeconds: 60);

            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Contain("Usage:").And.Contain("bot serve [options]").And.Contain("--urls"));
            Assert.That(result.Output + result.Error, Does.Not.Contain("cannot start"));
            Assert.That(Directory.EnumerateFileSystemEntries(folder), Is.Empty, "no database created");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Verify_without_a_database_is_bad_arguments()
    {
        var (code, _, errors) = await Run("verify", "--db", "/nonexistent/bot.db");

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(errors, Is.EqualTo(new[] { "error: no evidence database at /nonexistent/bot.db" }));
    }

    [TestCase("verify")]
    [TestCase("export", "--from", "2025-01-01", "--to", "2025-01-31")]
    [TestCase("deliveries", "list")]
    public async Task A_store_provider_this_build_does_not_have_is_bad_input_naming_the_ones_it_has(params string[] command)
    {
        var folder = Directory.CreateTempSubdirectory("bot-provider-").FullName;
        try
        {
            var database = Path.Combine(folder, "bot.db");
            var result = await ChildProcess.RunBotAsync([.. command, "--db", database], folder,
                new Dictionary<string, string> { ["Evidence__Provider"] = "oracle" }, timeoutSeconds: 60);

            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
            Assert.That(result.Error.Trim(), Is.EqualTo("error: Evidence:Provider 'oracle' is not a store this build has (known: sqlite, postgres)."));
            Assert.That(File.Exists(database), Is.False);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Scan_into_a_database_that_cannot_be_opened_exits_1_with_one_error_line()
    {
        using var repo = new ScratchRepository();
        var notADatabase = Path.Combine(repo.Path, "..", $"{Guid.NewGuid():N}.db");
        await File.WriteAllTextAsync(notADatabase, "this is not SQLite");
        try
        {
            var (code, _, errors) = await Run("scan", "--repo", repo.Path, "--branch", "main", "--from", "2020-01-01", "--to", "2030-01-01",
                "--name", "example/demo", "--db", notADatabase);

            Assert.That(code, Is.EqualTo(ExitCodes.Failure));
            Assert.That(errors, Has.Length.EqualTo(1));
            Assert.That(errors[0], Does.StartWith($"error: evidence database {notADatabase}: ").And.Contain("not a database"));
        }
        finally
        {
            File.Delete(notADatabase);
        }
    }
}
