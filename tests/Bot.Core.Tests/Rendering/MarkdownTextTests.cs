using Bot.Core.Rendering;
using NUnit.Framework;

namespace Bot.Core.Tests.Rendering;

public class MarkdownTextTests
{
    private static readonly string[] Hostile =
    [
        "Cursor](https://evil) ![x](y) <img src=x> **APPROVED** | table |",
        "# Heading",
        "- [x] This change does not include AI-assisted code",
        "1. ordered",
        "2) ordered",
        "> quote",
        "+ plus",
        "```js alert(1) ```",
        "`code` and ``more``",
        "~~~ fence",
        "<script>alert(1)</script>",
        "<!-- comment -->",
        "&lt;b&gt; &amp; &#36; &copy;",
        "$x^2$ and $$y$$ and $`z`$",
        "~~strike~~ _em_ __strong__ *a* ***b***",
        "[link][ref] [ref]: https://evil",
        "[^1] footnote",
        "{.class #id} attributes",
        "auto <https://evil.example> and https://evil.example/x and WWW.evil.example and ftp://x.example",
        "mailto:a@b.example and a@b.example",
        "@alice and @org/team and #12 and owner/repo#3",
        "\\*not emphasis\\* trailing backslash \\",
        "=====",
        "---",
        "***",
        "| a | b |",
        "     five leading spaces",
        "\tleading tab",
        "emoji :smile: and html &nbsp;",
        "[![badge](https://img)](https://link)",
        "<https://evil>",
        "javascript:alert(1)",
    ];

    [TestCaseSource(nameof(Hostile))]
    public void Hostile_text_renders_as_exactly_that_text(string text)
    {
        var rendered = MarkdownProbe.PlainTextOfListItem(MarkdownText.Escape(text));

        Assert.That(rendered, Is.EqualTo(text.Replace('\t', ' ')));
    }

    [Test]
    public void Line_breaks_are_folded_into_spaces()
    {
        var escaped = MarkdownText.Escape("Subject\r\n\r\n# Heading\nline\u2028next\rlast");

        Assert.That(escaped, Does.Not.Contain('\n').And.Not.Contain('\r').And.Not.Contain('\u2028'));
        Assert.That(MarkdownProbe.PlainTextOfListItem(escaped), Is.EqualTo("Subject  # Heading line next last"));
    }

    [Test]
    public void Html_is_encoded_not_backslash_escaped()
    {
        Assert.That(MarkdownText.Escape("<img src=x>&"), Is.EqualTo("&lt;img src\\=x&gt;&amp;"));
    }

    [Test]
    public void Mentions_and_references_are_broken_with_an_invisible_space()
    {
        var escaped = MarkdownText.Escape("@alice #12");

        Assert.That(escaped, Is.EqualTo("\\@\u200Balice \\#\u200B12"));
    }

    [Test]
    public void Url_and_www_autolinks_are_broken()
    {
        var escaped = MarkdownText.Escape("https://evil.example www.evil.example");

        // Ordinal: a culture-aware search would skip the zero-width space and find "://" anyway.
        Assert.That(escaped.Contains("://", StringComparison.Ordinal), Is.False);
        Assert.That(escaped.Contains("www.", StringComparison.OrdinalIgnoreCase), Is.False);
        var links = MarkdownProbe.AllInlines(MarkdownProbe.Parse(escaped)).OfType<Markdig.Syntax.Inlines.LinkInline>();
        Assert.That(links, Is.Empty);
    }

    [Test]
    public void Control_and_direction_override_characters_are_replaced()
    {
        Assert.That(MarkdownText.Escape("a\u0000b\u202Ec\u2066d"), Is.EqualTo("a\uFFFDb\uFFFDc\uFFFDd"));
    }

    [Test]
    public void Non_ascii_text_is_kept()
    {
        Assert.That(MarkdownText.Escape("Grüße 日本 🚀"), Is.EqualTo("Grüße 日本 🚀"));
    }

    [TestCase(null, "")]
    [TestCase("", "")]
    public void Nothing_escapes_to_nothing(string? text, string expected)
    {
        Assert.That(MarkdownText.Escape(text), Is.EqualTo(expected));
    }

    [Test]
    public void Truncate_keeps_short_text_and_marks_a_cut()
    {
        Assert.That(MarkdownText.Truncate("short", 10), Is.EqualTo("short"));
        Assert.That(MarkdownText.Truncate("0123456789abc", 10), Is.EqualTo("012345678…"));
    }

    [Test]
    public void Truncate_never_splits_a_surrogate_pair()
    {
        var truncated = MarkdownText.Truncate("abcd🚀🚀🚀", 6); // the rocket's high surrogate sits at index 4

        Assert.That(truncated, Is.EqualTo("abcd…"));
    }

    [Test]
    public void Escape_truncated_cuts_before_escaping_so_no_entity_is_split()
    {
        var escaped = MarkdownText.EscapeTruncated(new string('<', 50), 10);

        Assert.That(escaped, Is.EqualTo(string.Concat(Enumerable.Repeat("&lt;", 9)) + "…"));
    }
}
