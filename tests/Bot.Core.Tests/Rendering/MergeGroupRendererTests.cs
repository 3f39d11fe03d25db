using Bot.Core.MergeQueue;
using Bot.Core.Model;
using Bot.Core.Rendering;
using Markdig.Syntax.Inlines;
using NUnit.Framework;

namespace Bot.Core.Tests.Rendering;

public class MergeGroupRendererTests
{
    private const string HostileSubject = "Fix [it](https://evil) @admin <img src=x> **now**";

    private static MergeGroupDecision Failed() => new(Conclusion.Failure, "Not covered: commit abcdef1",
        [new QueuedPullRequestVerdict(7, "1234567".PadRight(40, 'c'), "named by the group's head ref", 17, new string('h', 64), "success", true, "All rules passed on 1234567")],
        [new GroupCommit("abcdef1".PadRight(40, 'd'), HostileSubject, false, $"commit abcdef1 {HostileSubject} belongs to no pull request of the group")],
        [$"commit abcdef1 {HostileSubject} belongs to no pull request of the group"]);

    [Test]
    public void What_is_not_covered_comes_first_then_pull_requests_then_commits()
    {
        var summary = MergeGroupRenderer.Render(Failed()).Summary;

        var notCovered = summary.IndexOf("### Not covered (1)", StringComparison.Ordinal);
        var pullRequests = summary.IndexOf("### Pull requests (1)", StringComparison.Ordinal);
        var commits = summary.IndexOf("### Commits (1)", StringComparison.Ordinal);
        Assert.That(new[] { notCovered, pullRequests, commits }, Is.Ordered.And.All.GreaterThanOrEqualTo(0));
        Assert.That(summary, Does.Contain("✅ #7 at 1234567"));
        Assert.That(summary, Does.Contain("(evidence seq 17)"));
    }

    [Test]
    public void Commit_text_renders_as_literal_text_never_as_links_mentions_or_html()
    {
        var document = MarkdownProbe.Parse(MergeGroupRenderer.Render(Failed()).Summary);

        var inlines = MarkdownProbe.AllInlines(document).ToList();
        Assert.That(inlines.OfType<LinkInline>(), Is.Empty);
        Assert.That(inlines.OfType<HtmlInline>(), Is.Empty);
        Assert.That(inlines.OfType<EmphasisInline>(), Is.Empty);
        // Ordinal: a culture-aware search skips the zero-width space that breaks the mention.
        Assert.That(MergeGroupRenderer.Render(Failed()).Summary.Contains("@admin", StringComparison.Ordinal), Is.False, "a mention would notify someone");
    }

    [Test]
    public void A_group_out_of_scope_says_so_and_nothing_else()
    {
        var decision = new MergeGroupDecision(Conclusion.NotInScope, "Not in scope", [], [], []);

        var text = MergeGroupRenderer.Render(decision);

        Assert.That(text.Title, Is.EqualTo("Not in scope"));
        Assert.That(text.Summary, Does.Contain("not covered by the policy's `branches`"));
        Assert.That(text.Summary, Does.Not.Contain("###"));
    }
}
