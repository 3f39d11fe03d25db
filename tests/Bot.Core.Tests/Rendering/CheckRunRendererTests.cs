using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Rendering;
using Bot.Core.Tests.Evaluation;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NUnit.Framework;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;

namespace Bot.Core.Tests.Rendering;

public class CheckRunRendererTests
{
    private const string HostileTool = "Cursor](https://evil) ![x](y) <img src=x> **APPROVED** | table |";

    private static string SectionOf(string summary, string heading)
    {
        var start = summary.IndexOf(heading, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no section {heading}");
        var end = summary.IndexOf("\n### ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? summary[start..] : summary[start..end];
    }

    [Test]
    public void The_title_is_the_decisions()
    {
        var decision = new PullRequestBuilder().Evaluate();

        Assert.That(CheckRunRenderer.Render(decision).Title, Is.EqualTo(decision.Title));
    }

    [Test]
    public void Every_rule_is_listed_with_result_and_message_failed_first()
    {
        var decision = new PullRequestBuilder().WithBody(Description()).WithFile(".claude/a.json", "added").Evaluate();

        var summary = CheckRunRenderer.Render(decision).Summary;
        var rules = SectionOf(summary, "### Rules");
        var ruleLines = rules.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();

        Assert.That(ruleLines, Has.Count.EqualTo(RuleIds.All.Count));
        Assert.That(ruleLines[0], Does.StartWith("- ❌ **declaration** (fail): Tick one of the AI assistance boxes"));
        Assert.That(ruleLines[1], Does.StartWith("- ❌ **agent\\_files** (fail): 1 file at an agent state path"));
        Assert.That(ruleLines[2], Does.StartWith("- ⏳ **review** (pending): Waiting for 1 approval"));
        Assert.That(ruleLines.Skip(3), Has.All.StartWith("- ✅ "));
        Assert.That(rules, Does.Contain("  - \\.claude/a\\.json"));
        Assert.That(summary, Does.Contain("\n\n### Rules\n"), "a blank line before each heading");
    }

    [Test]
    public void Commits_are_shown_with_their_ai_declarations()
    {
        var decision = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithCommit("Add cache\n\nAI-Assisted: Claude Code\nCo-authored-by: Claude <noreply@anthropic.com>")
            .WithCommit("Tidy")
            .WithCommit("Oops\n\nAI-Assisted:")
            .WithCommit("Merge main", parents: 2)
            .WithCommit("Local", unlinkedAuthor: true)
            .Evaluate();

        var commits = SectionOf(CheckRunRenderer.Render(decision).Summary, "### Commits (5)");

        Assert.That(commits, Does.Contain($"- {ShaOf(0)[..7]} Add cache — declares AI: Claude Code; AI co-author: Claude &lt;noreply\\@\u200Banthropic\\.com&gt;"));
        Assert.That(commits, Does.Contain($"- {ShaOf(1)[..7]} Tidy — no AI declaration"));
        Assert.That(commits, Does.Contain($"- {ShaOf(2)[..7]} Oops — empty AI declaration"));
        Assert.That(commits, Does.Contain($"- {ShaOf(3)[..7]} Merge main — no AI declaration; merge commit, skipped by the trailer rules"));
        Assert.That(commits, Does.Contain($"- {ShaOf(4)[..7]} Local — no AI declaration; not linked to a GitHub account"));
    }

    [Test]
    public void Approvals_show_why_each_does_or_does_not_qualify_and_the_counts()
    {
        var decision = new PullRequestBuilder().WithFile("src/Auth/Login.cs")
            .WithReviewPolicy(r => r with { SensitivePaths = ["src/Auth/**"] })
            .Approved(Bob).Approved(Alice).WithReview(Carol, "CHANGES_REQUESTED").Evaluate();

        var summary = CheckRunRenderer.Render(decision).Summary;
        var approvals = SectionOf(summary, "### Approvals (1 qualifying, 2 required)");

        Assert.That(summary, Does.Contain("Qualifying approvals: **1** (2 required)"));
        Assert.That(approvals, Does.Contain($"- ✅ bob: APPROVED on {ShaOf(0)[..7]} — qualifies"));
        Assert.That(approvals, Does.Contain($"- ❌ alice: APPROVED on {ShaOf(0)[..7]} — reviewer is the pull request author"));
        Assert.That(approvals, Does.Contain($"- ❌ carol: CHANGES\\_REQUESTED on {ShaOf(0)[..7]} — changes requested"));
        Assert.That(SectionOf(summary, "### Contributors"), Does.Contain("- alice (pull request author, commit author, committer)"));
    }

    [Test]
    public void Untrusted_text_never_renders_as_markdown_of_the_bot()
    {
        var decision = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithPolicy(p => p with { ApprovedTools = ["Copilot*"] })
            .WithCommit($"# Approved by @admin <img src=x> [ok](https://evil)\n\nAI-Assisted: {HostileTool}")
            .WithCommit("```\nbreak out\n```", author: new GitHubUser(77, "mallory](https://evil)"))
            .WithFile(".claude/<b>x</b>.md", "added")
            .Approved(Bob).Evaluate();

        var summary = CheckRunRenderer.Render(decision).Summary;
        var document = MarkdownProbe.Parse(summary);
        var inlines = MarkdownProbe.AllInlines(document).ToList();

        Assert.That(inlines.OfType<LinkInline>(), Is.Empty, "links or images");
        Assert.That(inlines.OfType<AutolinkInline>(), Is.Empty);
        Assert.That(inlines.OfType<HtmlInline>(), Is.Empty);
        Assert.That(document.Descendants<HtmlBlock>(), Is.Empty);
        Assert.That(document.Descendants<FencedCodeBlock>(), Is.Empty);
        Assert.That(document.Descendants<Markdig.Extensions.Tables.Table>(), Is.Empty);
        Assert.That(document.Descendants<HeadingBlock>().Select(h => MarkdownProbe.TextOf(h.Inline)),
            Is.EqualTo(new[] { "Rules", "Approvals (1 qualifying, 1 required)", "Contributors", "Commits (2)" }));
        Assert.That(inlines.OfType<EmphasisInline>().Select(MarkdownProbe.TextOf),
            Is.SubsetOf(RuleIds.All.Append("yes").Append("1")), "only the bot's own bold text");
        Assert.That(summary, Does.Contain("Cursor\\]\\(https:\u200B//evil\\) \\!\\[x\\]\\(y\\) &lt;img src\\=x&gt; \\*\\*APPROVED\\*\\* \\| table \\|"));
    }

    [Test]
    public void A_policy_error_shows_the_escaped_reason()
    {
        var summary = CheckRunRenderer.Render(Evaluator.PolicyInvalid("line 4, column 3: unknown key '<b>brnaches</b>'")).Summary;

        Assert.That(summary, Does.Contain("**Reason:** line 4, column 3: unknown key '&lt;b&gt;brnaches&lt;/b&gt;'"));
        Assert.That(summary, Does.Not.Contain("### Rules"));
    }

    [Test]
    public void A_change_out_of_scope_says_no_rule_applies()
    {
        var text = CheckRunRenderer.Render(new PullRequestBuilder().WithBase("feature/x").Evaluate());

        Assert.That(text.Title, Is.EqualTo("Not in scope"));
        Assert.That(text.Summary, Does.Contain("no rule applies"));
    }

    [Test]
    public void A_large_pull_request_with_short_messages_is_shown_in_full()
    {
        var builder = new PullRequestBuilder();
        for (var i = 0; i < 250; i++)
            builder.WithCommit($"Change {i}\n\nAI-Assisted: no");

        var summary = CheckRunRenderer.Render(builder.Evaluate()).Summary;

        Assert.That(SectionOf(summary, "### Commits (250)").Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)),
            Is.EqualTo(250));
        Assert.That(summary, Does.Not.Contain("not shown"));
    }

    [Test]
    public void A_huge_pull_request_stays_under_the_limit_and_says_what_it_left_out()
    {
        var hostileLine = string.Concat(Enumerable.Repeat("<@x> ", 2_000));
        var builder = new PullRequestBuilder().WithBody(Description(no: true))
            .WithPolicy(p => p with { Trailer = p.Trailer with { RequireOnEveryCommit = true } });
        for (var i = 0; i < 250; i++)
            builder.WithCommit($"{hostileLine}{i}\n\n{hostileLine}\n\nAI-Assisted: {hostileLine}");
        for (var i = 0; i < 300; i++)
            builder.WithFile($".claude/{hostileLine[..200]}{i}.json", "added");
        for (var i = 0; i < 20; i++)
            builder.Approved(new GitHubUser(5000 + i, $"reviewer{i}"));

        var summary = CheckRunRenderer.Render(builder.Evaluate()).Summary;
        var commits = SectionOf(summary, "### Commits (250)");
        var shown = commits.Split('\n').Count(l => l.StartsWith($"- ", StringComparison.Ordinal) && !l.Contains("not shown"));

        Assert.That(summary.Length, Is.LessThanOrEqualTo(CheckRunRenderer.MaxSummaryLength));
        Assert.That(shown, Is.LessThan(250));
        Assert.That(commits, Does.Contain($"- … {250 - shown} more commits not shown"));
        Assert.That(summary, Does.Contain("- … 290 more details not shown"), "agent_files lists 10 of 300 files");
    }
}
