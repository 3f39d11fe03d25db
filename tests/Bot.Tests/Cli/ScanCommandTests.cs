using System.Globalization;
using System.Text.Json;
using Bot.Cli;
using Bot.LocalGit;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

public sealed class ScanCommandTests
{
    private ScratchRepository _repo = null!;
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _repo = new ScratchRepository();
        _folder = Directory.CreateTempSubdirectory("bot-scan-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        _repo.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BotCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public async Task Commits_of_the_period_become_changes_with_their_trailers_and_named_pull_requests()
    {
        var squashed = _repo.Commit("Add the ledger (#12)\n\nAI-Assisted: Cursor 0.45\n");
        var direct = _repo.Commit("Tweak config directly\n\nAI-Assisted: no\n");
        var db = Path.Combine(_folder, "bot.db");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (code, output, error) = await Run("scan", "--db", db, "--repo", _repo.Path, "--branch", "main", "--from", yesterday, "--to", today, "--name", "octo/app");
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(output, Does.Contain("scanned 3 commits"));
        Assert.That(output, Does.Contain("3 recorded"));

        var again = await Run("scan", "--db", db, "--repo", _repo.Path, "--branch", "main", "--from", yesterday, "--to", today, "--name", "octo/app");
        Assert.That(again.Output, Does.Contain("0 recorded, 3 already recorded"));

        var export = await Run("export", "--db", db, "--format", "json", "--from", yesterday, "--to", today);
        var rows = JsonDocument.Parse(export.Output).RootElement.ToString();
        Assert.That(rows, Does.Contain(squashed));
        Assert.That(rows, Does.Contain(direct));
        Assert.That(rows, Does.Contain("Cursor 0.45"));
        Assert.That(rows, Does.Contain("no_pull_request"));
    }

    [Test]
    public async Task Commits_outside_the_period_are_left_out()
    {
        _repo.Commit("Recent change\n");
        var db = Path.Combine(_folder, "bot.db");

        var (code, output, _) = await Run("scan", "--db", db, "--repo", _repo.Path, "--branch", "main", "--from", "2001-01-01", "--to", "2001-12-31", "--name", "octo/app");

        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output, Does.Contain("scanned 0 commits"));
    }

    [Test]
    public async Task A_bad_period_is_bad_input()
    {
        var (code, _, error) = await Run("scan", "--repo", _repo.Path, "--branch", "main", "--from", "2025-02-01", "--to", "2025-01-01", "--name", "octo/app");

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("--from"));
    }

    [Test]
    public async Task A_ref_starting_with_a_dash_is_refused_and_never_reaches_git_as_an_option()
    {
        var db = Path.Combine(_folder, "bot.db");
        var written = Path.Combine(_folder, "written-by-git.txt");

        var (code, output, error) = await Run("scan", "--db", db, "--repo", _repo.Path, $"--branch=--output={written}",
            "--from", "2025-01-01", "--to", "2025-12-31", "--name", "octo/app");

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), output);
        Assert.That(error, Does.Contain("may not be empty or start with '-'"));
        Assert.That(File.Exists(written), Is.False, "git must not have taken the ref as --output");
        Assert.That(File.Exists(db), Is.False, "nothing was recorded");
    }

    [TestCase("Merge pull request #42 from octo/feature", 42L)]
    [TestCase("Add the ledger (#7)", 7L)]
    [TestCase("Mention #9 in passing", null)]
    public void Merge_and_squash_subjects_name_their_pull_request(string subject, long? number)
    {
        Assert.That(HistoryScanner.NamedPullRequest(subject), Is.EqualTo(number));
    }
}
