using Bot.Core.Trailers;
using NUnit.Framework;

namespace Bot.Core.Tests.Trailers;

/// <summary>
/// Specific behaviours of git's trailer rules, each checked by hand against git 2.39's
/// <c>git log --format='%(trailers:unfold,only)'</c> (the differential tests check the rest).
/// </summary>
[TestFixture]
public sealed class TrailerParserTests
{
    private const string Subject = "Change the widget\n\n";

    private static Trailer[] Parse(string message) => [.. TrailerParser.Parse(message)];

    [Test]
    public void Reads_key_and_value_of_the_last_paragraph()
    {
        Assert.That(Parse(Subject + "Body.\n\nAI-Assisted: Cursor 0.45 / claude-3.7-sonnet\nCo-authored-by: A <a@x>\n"),
            Is.EqualTo(new[] { new Trailer("AI-Assisted", "Cursor 0.45 / claude-3.7-sonnet"), new Trailer("Co-authored-by", "A <a@x>") }));
    }

    [TestCase("AI-Assisted: yes\n", TestName = "Subject alone")]
    [TestCase("Change\nAI-Assisted: yes\n", TestName = "Trailer in the subject paragraph")]
    [TestCase("\n\n \nAI-Assisted: yes\n", TestName = "Leading blank lines make the trailer the subject")]
    [TestCase(Subject + "AI-Assisted: yes\n\nClosing words.\n", TestName = "Trailers not in the last paragraph")]
    [TestCase(Subject + "AI-Assisted: yes\nplain text\n", TestName = "Paragraph not all trailers and no git-generated line")]
    [TestCase(Subject + "text\ntext\ntext\ntext\nSigned-off-by: A <a@x>\n", TestName = "Git-generated line but under 25 percent")]
    [TestCase(Subject + "AI-Assisted: yes\n---\n", TestName = "Dashes line breaks the paragraph")]
    [TestCase(Subject + "AI_Assisted: yes\n", TestName = "Underscore is not a key character")]
    [TestCase(Subject + "AI Assisted: yes\n", TestName = "Space inside a key")]
    [TestCase(Subject + "Cl\u00e9: yes\n", TestName = "Non-ASCII letter in a key")]
    [TestCase(Subject + "AI-Assisted\u00a0: yes\n", TestName = "Non-breaking space before the colon")]
    [TestCase(Subject + "AI-Assisted: yes\n\u00a0more\n", TestName = "Non-breaking space does not start a continuation")]
    [TestCase(Subject + "AI-Assisted: yes\n\u000bmore\n", TestName = "Vertical tab is not whitespace")]
    [TestCase(Subject + "# ------------------------ >8 ------------------------\nAI-Assisted: yes\n", TestName = "Everything after the scissors line")]
    [TestCase("", TestName = "Empty message")]
    public void Finds_no_trailers(string message)
    {
        Assert.That(Parse(message), Is.Empty);
    }

    [Test]
    public void Git_generated_line_lets_a_quarter_of_trailers_count()
    {
        Trailer[] trailers = Parse(Subject + "text\ntext\ntext\nSigned-off-by: A <a@x>\n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("Signed-off-by", "A <a@x>") }));
    }

    [Test]
    public void Cherry_pick_line_counts_towards_the_block_but_is_not_a_trailer()
    {
        Trailer[] trailers = Parse(Subject + "text\ntext\n(cherry picked from commit 0123456789abcdef)\nAI-Assisted: yes\n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("AI-Assisted", "yes") }));
    }

    [Test]
    public void Signed_off_by_counts_as_git_generated_only_byte_exact()
    {
        Assert.That(Parse(Subject + "text\ntext\nSigned-off-by:A <a@x>\n"), Is.Empty);
    }

    [Test]
    public void Continuation_lines_fold_into_one_space()
    {
        Trailer[] trailers = Parse(Subject + "AI-Assisted: Cursor\n   0.45\n\twith claude  \n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("AI-Assisted", "Cursor 0.45 with claude") }));
    }

    [Test]
    public void Crlf_message_reads_like_lf_except_a_carriage_return_before_a_fold()
    {
        // git unfolds only the "\n"; the "\r" before it stays inside the value.
        Trailer[] trailers = Parse("Change\r\n\r\nAI-Assisted: Cursor\r\n  0.45\r\nKey: v\r\n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("AI-Assisted", "Cursor\r 0.45"), new Trailer("Key", "v") }));
    }

    [Test]
    public void Comment_lines_are_skipped_and_end_a_fold()
    {
        Trailer[] trailers = Parse(Subject + "AI-Assisted: yes\n# a comment\nKey: v\n# trailing\n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("AI-Assisted", "yes"), new Trailer("Key", "v") }));
    }

    [Test]
    public void Scissors_line_ends_the_message()
    {
        Trailer[] trailers = Parse(Subject + "AI-Assisted: yes\n# ------------------------ >8 ------------------------\nKey: v\n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("AI-Assisted", "yes") }));
    }

    [Test]
    public void Old_conflicts_block_at_the_end_is_ignored()
    {
        Trailer[] trailers = Parse(Subject + "AI-Assisted: yes\nConflicts:\n\tsrc/a.c\n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("AI-Assisted", "yes") }));
    }

    [Test]
    public void Whitespace_before_the_colon_is_dropped_from_the_key()
    {
        Trailer[] trailers = Parse(Subject + "AI-Assisted \t : yes\nKey:v\n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("AI-Assisted", "yes"), new Trailer("Key", "v") }));
    }

    [Test]
    public void Non_breaking_spaces_are_part_of_the_value()
    {
        Trailer[] trailers = Parse(Subject + "AI-Assisted:\u00a0Cursor\u00a0\n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("AI-Assisted", "\u00a0Cursor\u00a0") }));
    }

    [Test]
    public void Empty_value_is_reported_as_empty()
    {
        Trailer[] trailers = Parse(Subject + "AI-Assisted:   \nKey:\n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("AI-Assisted", ""), new Trailer("Key", "") }));
    }

    [Test]
    public void A_url_line_is_a_trailer_to_git()
    {
        Assert.That(Parse(Subject + "https://example.com/1\n"), Is.EqualTo(new[] { new Trailer("https", "//example.com/1") }));
    }

    [Test]
    public void Text_after_a_nul_is_not_read_as_git_reads_a_c_string()
    {
        Trailer[] trailers = Parse(Subject + "AI-Assisted: yes\0\nKey: v\n");

        Assert.That(trailers, Is.EqualTo(new[] { new Trailer("AI-Assisted", "yes") }));
    }

    [Test]
    public void Parse_rejects_null()
    {
        Assert.That(() => TrailerParser.Parse(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Format_prints_one_line_per_trailer_as_git_log_does()
    {
        string text = TrailerParser.Format([new Trailer("AI-Assisted", "Cursor"), new Trailer("Co-authored-by", "A <a@x>")]);

        Assert.That(text, Is.EqualTo("AI-Assisted: Cursor\nCo-authored-by: A <a@x>\n"));
    }

    [Test]
    public void Format_of_no_trailers_is_empty()
    {
        Assert.That(TrailerParser.Format([]), Is.Empty);
    }

    [Test]
    public void ValuesOf_matches_keys_ignoring_case_in_order()
    {
        Trailer[] trailers = Parse(Subject + "ai-assisted: one\nKey: other\nAI-ASSISTED: two\n");

        Assert.That(TrailerParser.ValuesOf(trailers, "AI-Assisted"), Is.EqualTo(new[] { "one", "two" }));
    }

    [Test]
    public void ValuesOf_an_absent_key_is_empty()
    {
        Assert.That(TrailerParser.ValuesOf(Parse(Subject + "Key: v\n"), "AI-Assisted"), Is.Empty);
    }

    [Test]
    public void Hundred_thousand_trailer_lines_all_parse()
    {
        string message = Subject + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"K{i}: v{i}\n"));

        Trailer[] trailers = Parse(message);

        Assert.That(trailers, Has.Length.EqualTo(100_000));
        Assert.That(trailers[^1], Is.EqualTo(new Trailer("K99999", "v99999")));
    }

    [Test]
    public void Hundred_thousand_continuation_lines_fold_into_one_value()
    {
        string message = Subject + "AI-Assisted: start\n" + string.Concat(Enumerable.Repeat(" x\n", 100_000));

        Trailer[] trailers = Parse(message);

        Assert.That(trailers, Has.Length.EqualTo(1));
        Assert.That(trailers[0].Value, Has.Length.EqualTo("start".Length + (2 * 100_000)));
    }

    [Test]
    public void Hundred_thousand_text_lines_outweigh_one_git_generated_line()
    {
        string message = Subject + string.Concat(Enumerable.Repeat("text\n", 100_000)) + "Signed-off-by: A <a@x>\n";

        Assert.That(Parse(message), Is.Empty);
    }
}
