using Bot.Cli;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

public sealed class CheckCommandTests
{
    private const string AiBody = PullRequestBodies.AiDeclared;

    private ScratchRepository _repo = null!;
    private string _bodyFile = null!;

    [SetUp]
    public void SetUp()
    {
        _repo = new ScratchRepository();
        _repo.Git("checkout", "-q", "-b", "feature");
        _bodyFile = Path.Combine(_repo.Path, "..", $"{Guid.NewGuid():N}.md");
    }

    [TearDown]
    public void TearDown()
    {
        File.Delete(_bodyFile);
        _repo.Dispose();
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var (code, output, error) = await RunVerbatim(args);
        return (code, RenderedText.Visible(output), error);
    }

    /// <summary>The output exactly as printed, not as <see cref="RenderedText.Visible"/> would show it.</summary>
    private static async Task<(int Code, string Output, string Error)> RunVerbatim(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BotCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public async Task Declared_ai_branch_without_reviews_is_pending_and_exits_zero()
    {
        _repo.Commit("Add parser\n\nAI-Assisted: Cursor 0.45 / claude-3.7-sonnet\n", files: new Dictionary<string, string> { ["src/a.txt"] = "a" });
        await File.WriteAllTextAsync(_bodyFile, AiBody);

        var (code, output, _) = await Run("check", "--repo", _repo.Path, "--base", "main", "--body", _bodyFile);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output);
        Assert.That(output, Does.StartWith("pending:"));
        Assert.That(output, Does.Contain("Cursor 0.45"));
    }

    [TestCase("--base")]
    [TestCase("--head")]
    public async Task A_ref_starting_with_a_dash_is_refused_with_exit_two(string option)
    {
        _repo.Commit("Add parser\n");
        var written = Path.Combine(_repo.Path, "..", $"{Guid.NewGuid():N}.txt");
        string[] refs = option == "--base" ? [$"--base=--output={written}", "--head", "HEAD"] : ["--base", "main", $"--head=--output={written}"];

        var (code, output, error) = await Run(["check", "--repo", _repo.Path, .. refs]);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), output);
        Assert.That(error, Does.Contain($"{option} '--output="));
        Assert.That(File.Exists(written), Is.False, "git must not have taken the ref as --output");
    }

    [Test]
    public async Task Body_saying_no_ai_with_a_positive_trailer_fails_with_exit_one()
    {
        _repo.Commit("Add parser\n\nAI-Assisted: Claude Code 1.0\n");
        await File.WriteAllTextAsync(_bodyFile, AiBody.Replace("[x] This change includes", "[ ] This change includes")
            .Replace("[ ] This change does not", "[x] This change does not"));

        var (code, output, _) = await Run("check", "--repo", _repo.Path, "--base", "main", "--body", _bodyFile);

        Assert.That(code, Is.EqualTo(ExitCodes.Failure), output);
        Assert.That(output, Does.StartWith("failure:"));
    }

    [Test]
    public async Task Agent_state_files_added_on_the_branch_fail_the_check()
    {
        _repo.Commit("Add notes\n\nAI-Assisted: Cursor 0.45\n", files: new Dictionary<string, string> { [".cursor/state.json"] = "{}" });
        await File.WriteAllTextAsync(_bodyFile, AiBody);

        var (code, output, _) = await Run("check", "--repo", _repo.Path, "--base", "main", "--body", _bodyFile);

        Assert.That(code, Is.EqualTo(ExitCodes.Failure), output);
        Assert.That(output, Does.Contain("state.json"));
    }

    [Test]
    public async Task An_invalid_policy_file_given_with_policy_is_bad_input_naming_the_file_and_line()
    {
        _repo.Commit("Change\n\nAI-Assisted: no\n");
        var policy = Path.Combine(_repo.Path, "..", $"{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(policy, "version: 1\nreview:\n  required_aprovals: 2\n");
        try
        {
            var (code, output, error) = await Run("check", "--repo", _repo.Path, "--base", "main", "--policy", policy);

            Assert.That(code, Is.EqualTo(ExitCodes.BadInput), output);
            Assert.That(error, Does.StartWith($"error: --policy {policy}: line 3"));
            Assert.That(error, Does.Contain("required_aprovals"));
            Assert.That(output, Is.Empty, "nothing evaluated with a policy that cannot be used");
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Test]
    public async Task A_policy_file_that_cannot_be_read_is_named()
    {
        var (code, _, error) = await Run("check", "--repo", _repo.Path, "--base", "main", "--policy", "/nonexistent/policy.yml");

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.StartWith("error: --policy /nonexistent/policy.yml: "));
    }

    [Test]
    public async Task The_terminal_gets_plain_text_and_format_md_the_check_runs_markdown()
    {
        _repo.Commit("Add <thing> & stuff\n\nAI-Assisted: claude-code 1.0\n", files: new Dictionary<string, string> { ["src/a.txt"] = "a" });
        await File.WriteAllTextAsync(_bodyFile, AiBody);

        var (textCode, text, _) = await RunVerbatim("check", "--repo", _repo.Path, "--base", "main", "--body", _bodyFile);
        var (mdCode, markdown, _) = await RunVerbatim("check", "--repo", _repo.Path, "--base", "main", "--body", _bodyFile, "--format", "md");

        Assert.That(textCode, Is.EqualTo(ExitCodes.Ok), text);
        Assert.That(mdCode, Is.EqualTo(ExitCodes.Ok), markdown);
        Assert.That(text, Does.Contain("Add <thing> & stuff — declares AI: claude-code 1.0"));
        Assert.That(text, Does.Contain("\nRules\n- "), "headings as plain lines, list items kept");
        Assert.That(text, Does.Not.Contain("\\").And.Not.Contain("&lt;").And.Not.Contain("**").And.Not.Contain("###"));
        // Ordinal: a culture-aware search finds an ignorable zero-width space anywhere.
        Assert.That(text.Contains(Bot.Core.Rendering.MarkdownText.ZeroWidthSpace, StringComparison.Ordinal), Is.False, "no zero-width breaks");
        Assert.That(markdown, Does.Contain("Add &lt;thing&gt; &amp; stuff"));
        Assert.That(markdown, Does.Contain("claude\\-code 1\\.0"));
        Assert.That(markdown, Does.Contain("### Rules"));
    }

    [Test]
    public async Task Policy_on_the_base_branch_is_used_when_no_policy_option_is_given()
    {
        _repo.Git("checkout", "-q", "main");
        _repo.Commit("Add policy", files: new Dictionary<string, string> { [".github/ai-compliance.yml"] = "version: 2\n" });
        _repo.Git("checkout", "-q", "-B", "feature");
        _repo.Commit("Change\n\nAI-Assisted: no\n");

        var (code, output, _) = await Run("check", "--repo", _repo.Path, "--base", "main");

        Assert.That(code, Is.EqualTo(ExitCodes.Failure), output);
        Assert.That(output, Does.Contain("Policy file invalid"));
    }

    [Test]
    public async Task Unknown_base_ref_is_bad_input_with_exit_two()
    {
        var (code, _, error) = await Run("check", "--repo", _repo.Path, "--base", "no-such-branch");

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("no-such-branch"));
    }

    [Test]
    public async Task Missing_body_file_is_bad_input_with_exit_two()
    {
        var (code, _, error) = await Run("check", "--repo", _repo.Path, "--base", "main", "--body", "/nonexistent/body.md");

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("body.md"));
    }

    [Test]
    public void Branch_names_drop_remote_and_ref_prefixes()
    {
        Assert.That(CheckCommand.BranchName("origin/main"), Is.EqualTo("main"));
        Assert.That(CheckCommand.BranchName("refs/heads/release/1.2"), Is.EqualTo("release/1.2"));
        Assert.That(CheckCommand.BranchName("main"), Is.EqualTo("main"));
    }
}
