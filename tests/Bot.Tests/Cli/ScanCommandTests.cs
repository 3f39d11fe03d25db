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

    private static string Yesterday => DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Db => Path.Combine(_folder, "bot.db");

    /// <summary><c>bot scan</c> of main, yesterday and today, into <see cref="Db"/>.</summary>
    private Task<(int Code, string Output, string Error)> ScanRecentAsync() =>
        Run("scan", "--db", Db, "--repo", _repo.Path, "--branch", "main", "--from", Yesterday, "--to", Today, "--name", "octo/app");

    private Task<(int Code, string Output, string Error)> ExportRecentAsync() =>
        Run("export", "--db", Db, "--format", "json", "--from", Yesterday, "--to", Today);

    [Test]
    public async Task Commits_of_the_period_become_changes_with_their_trailers_and_named_pull_requests()
    {
        var squashed = _repo.Commit("Add the ledger (#12)\n\nAI-Assisted: Cursor 0.45\n");
        var direct = _repo.Commit("Tweak config directly\n\nAI-Assisted: no\n");

        var (code, output, error) = await ScanRecentAsync();
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(output, Does.Contain("scanned 3 commits"));
        Assert.That(output, Does.Contain("3 recorded"));

        var again = await ScanRecentAsync();
        Assert.That(again.Output, Does.Contain("0 recorded, 3 already recorded"));

        var export = await ExportRecentAsync();
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
        var written = Path.Combine(_folder, "written-by-git.txt");

        var (code, output, error) = await Run("scan", "--db", Db, "--repo", _repo.Path, $"--branch=--output={written}",
            "--from", "2025-01-01", "--to", "2025-12-31", "--name", "octo/app");

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), output);
        Assert.That(error, Does.Contain("may not be empty or start with '-'"));
        Assert.That(File.Exists(written), Is.False, "git must not have taken the ref as --output");
        Assert.That(File.Exists(Db), Is.False, "nothing was recorded");
    }

    [Test]
    public async Task A_merged_pull_request_is_one_change_holding_the_commits_it_brought()
    {
        _repo.Git("checkout", "-q", "-b", "feature");
        var parse = _repo.Commit("Parse amounts\n\nAI-Assisted: Claude Code\n", "alice@example.com", "Alice");
        var round = _repo.Commit("Handle rounding\n\nAI-Assisted: Claude Code\n", "alice@example.com", "Alice");
        _repo.Git("checkout", "-q", "main");
        var direct = _repo.Commit("Tweak config directly\n");
        _repo.Git("-c", "user.name=Carol", "-c", "user.email=carol@example.com", "merge", "-q", "--no-ff",
            "-m", "Merge pull request #7 from octo/feature", "-m", "Parse and round amounts", "feature");
        var merge = _repo.Git("rev-parse", "HEAD").Trim();
        var squash = _repo.Commit("Add the ledger (#8)\n\nAI-Assisted: Cursor 0.45\n");

        var (code, output, error) = await ScanRecentAsync();
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(output, Does.Contain("scanned 6 commits of octo/app main as 4 changes: 4 recorded"));

        var export = await ExportRecentAsync();
        var rows = JsonDocument.Parse(export.Output).RootElement.GetProperty("changes").EnumerateArray()
            .ToDictionary(r => r.GetProperty("change_id").GetString()!, r => r.Clone());
        string?[] Strings(JsonElement row, string name) => [.. row.GetProperty(name).EnumerateArray().Select(e => e.GetString())];

        Assert.That(rows.Keys, Is.EquivalentTo(new[] { "7", "8", direct, _repo.Git("rev-list", "--max-parents=0", "HEAD").Trim() }),
            "the branch's commits are not changes of their own");
        var pr7 = rows["7"];
        Assert.Multiple(() =>
        {
            Assert.That(pr7.GetProperty("kind").GetString(), Is.EqualTo("scanned_pull_request"));
            Assert.That(Strings(pr7, "commit_shas"), Is.EqualTo(new[] { parse, round, merge }));
            Assert.That(pr7.GetProperty("ai_assisted").GetBoolean(), Is.True, "the merge carries its branch's AI declarations");
            Assert.That(Strings(pr7, "ai_tools"), Is.EqualTo(new[] { "Claude Code" }));
            Assert.That(pr7.GetProperty("findings").GetArrayLength(), Is.Zero);
            Assert.That(pr7.GetProperty("title").GetString(), Is.EqualTo("Parse and round amounts"));
            Assert.That(pr7.GetProperty("author").GetString(), Is.EqualTo("Alice"));
            Assert.That(pr7.GetProperty("merged_by").GetString(), Is.EqualTo("Carol"));
            Assert.That(pr7.GetProperty("change_url").GetString(), Does.EndWith("/octo/app/pull/7"));
            Assert.That(Strings(rows["8"], "commit_shas"), Is.EqualTo(new[] { squash }));
            Assert.That(Strings(rows["8"], "ai_tools"), Is.EqualTo(new[] { "Cursor 0.45" }));
            Assert.That(rows[direct].GetProperty("kind").GetString(), Is.EqualTo("scanned_commit"));
            Assert.That(rows[direct].GetProperty("findings")[0].GetString(), Does.StartWith("no_pull_request"));
        });
    }

    [TestCase("Merge pull request #42 from octo/feature", 42L)]
    [TestCase("Add the ledger (#7)", 7L)]
    [TestCase("Mention #9 in passing", null)]
    public void Merge_and_squash_subjects_name_their_pull_request(string subject, long? number)
    {
        Assert.That(HistoryScanner.NamedPullRequest(subject), Is.EqualTo(number));
    }
}
