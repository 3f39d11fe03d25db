using Bot.Core.Evaluation;
using Bot.Core.Model;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

public class AgentFilesRuleTests
{
    private static RuleResult Evaluate(string filename, string status, string? previous = null) =>
        new PullRequestBuilder().WithFile("src/App.cs").WithFile(filename, status, previous)
            .Evaluate().Rule(RuleIds.AgentFiles);

    [TestCase(".claude/settings.local.json", "added")]
    [TestCase(".cursor/rules/style.mdc", "modified")]
    [TestCase(".aider.chat.history.md", "added")]
    [TestCase("docs/CLAUDE.local.md", "added")]
    [TestCase("CLAUDE.local.md", "changed")]
    [TestCase(".codex/session.json", "copied")]
    public void A_file_left_at_an_agent_path_fails_listing_it(string filename, string status)
    {
        var rule = Evaluate(filename, status);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Details, Is.EqualTo(new[] { filename }));
    }

    [Test]
    public void A_file_renamed_into_an_agent_path_fails()
    {
        Assert.That(Evaluate(".windsurf/notes.md", "renamed", "notes.md").Outcome, Is.EqualTo(RuleOutcome.Fail));
    }

    [Test]
    public void Removing_an_agent_file_passes()
    {
        Assert.That(Evaluate(".claude/settings.local.json", "removed").Outcome, Is.EqualTo(RuleOutcome.Pass));
    }

    [Test]
    public void Renaming_a_file_out_of_an_agent_path_passes()
    {
        Assert.That(Evaluate("docs/notes.md", "renamed", ".claude/notes.md").Outcome, Is.EqualTo(RuleOutcome.Pass));
    }

    [Test]
    public void Similar_names_outside_the_agent_paths_pass()
    {
        Assert.That(Evaluate("src/claude/client.cs", "added").Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(Evaluate("CLAUDE.md", "added").Outcome, Is.EqualTo(RuleOutcome.Pass));
    }

    [Test]
    public void A_configured_list_replaces_the_default()
    {
        var builder = new PullRequestBuilder().WithPolicy(p => p with { AgentFiles = ["**/*.prompt"] })
            .WithFile(".claude/settings.json", "added").WithFile("src/gen/a.prompt", "added");

        Assert.That(builder.Evaluate().Rule(RuleIds.AgentFiles).Details, Is.EqualTo(new[] { "src/gen/a.prompt" }));
    }
}
