using Bot.Core.Evaluation;
using Bot.Core.Globbing;
using Bot.Core.Policy;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

/// <summary>The pre-check may only ever reject values the glob itself rejects.</summary>
public class GlobBoundsTests
{
    private static readonly string[] Patterns =
    [
        .. DefaultLists.AgentFiles, "src/Auth/**", "**/x", "a**/b", "[ab]/x", "K*", "*k", "?x", "**", "*", "x",
        "docs/*.md", "Cursor*", "Claude Code*", "*/ı/*", "release/**", "[!a]bc",
    ];

    private static readonly string[] Pieces =
    [
        "", "/", "x", "X", "a", "b", "k", "K", "\u212A", "ı", "I", "\n", ".claude", ".CLAUDE", "CLAUDE.local.md",
        "claude.LOCAL.md", "src", "Auth", "auth", ".aider", ".md", "Cursor", "cursor 0.45", " ", "release", "bc",
    ];

    [Test]
    public void The_pre_check_never_rejects_a_match([ValueSource(nameof(Patterns))] string pattern, [Values] GlobMode mode)
    {
        var glob = Glob.Parse(pattern, mode);
        var bounds = GlobBounds.Of(pattern);
        var random = new Random(pattern.Aggregate(17, (h, c) => (h * 31) + c) ^ (int)mode); // a stable seed: string hashes vary per process
        var missed = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var value = string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            if (glob.IsMatch(value) && !bounds.MayMatch(value))
                missed.Add(value);
        }

        Assert.That(missed, Is.Empty);
    }

    [TestCase(".claude/**", ".CLAUDE/settings.json", true)]
    [TestCase(".claude/**", "src/claude/x", false)]
    [TestCase("**/CLAUDE.local.md", "CLAUDE.local.md", true)]
    [TestCase("**/CLAUDE.local.md", "docs/CLAUDE.md", false)]
    [TestCase("Kit/*", "\u212Ait/x", true)]
    public void The_pre_check_rejects_what_cannot_match(string pattern, string value, bool mayMatch)
    {
        Assert.That(GlobBounds.Of(pattern).MayMatch(value), Is.EqualTo(mayMatch));
    }
}
