using NUnit.Framework;
using Bot.Core.Body;

namespace Bot.Core.Tests.Body;

public class TaskListParserTests
{
    private const string DefaultTemplate = """
        ## AI assistance
        - [ ] This change includes AI-assisted code
        - [ ] This change does not include AI-assisted code
        - [ ] No secrets, credentials or customer data were entered into AI tools for this change
        """;

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Just a description, no checkboxes.")]
    public void Body_without_task_items_yields_none(string? body)
    {
        Assert.That(TaskListParser.Parse(body), Is.Empty);
    }

    [Test]
    public void Default_template_unticked_yields_three_unchecked_items()
    {
        Assert.That(TaskListParser.Parse(DefaultTemplate), Is.EqualTo(new[]
        {
            new TaskItem(false, "This change includes AI-assisted code"),
            new TaskItem(false, "This change does not include AI-assisted code"),
            new TaskItem(false, "No secrets, credentials or customer data were entered into AI tools for this change"),
        }));
    }

    [Test]
    public void Default_template_filled_in_with_crlf_reads_ticks()
    {
        var body = DefaultTemplate.Replace("- [ ] This change includes", "- [x] This change includes")
            .Replace("- [ ] No secrets", "- [X] No secrets")
            .ReplaceLineEndings("\r\n");

        var items = TaskListParser.Parse(body);

        Assert.That(items.Select(i => i.Checked), Is.EqualTo(new[] { true, false, true }));
        Assert.That(items[2].Label, Is.EqualTo("No secrets, credentials or customer data were entered into AI tools for this change"));
    }

    [Test]
    public void All_bullet_kinds_and_both_tick_cases_count()
    {
        var items = TaskListParser.Parse("- [x] dash\n\n* [ ] star\n\n+ [X] plus\n\n1. [x] ordered\n");

        Assert.That(items, Is.EqualTo(new[]
        {
            new TaskItem(true, "dash"), new TaskItem(false, "star"), new TaskItem(true, "plus"), new TaskItem(true, "ordered"),
        }));
    }

    [Test]
    public void Items_in_fenced_code_blocks_do_not_count()
    {
        var items = TaskListParser.Parse("```markdown\n- [x] fenced backticks\n```\n~~~\n- [x] fenced tildes\n~~~\n- [ ] real");

        Assert.That(items, Is.EqualTo(new[] { new TaskItem(false, "real") }));
    }

    [Test]
    public void Items_in_indented_code_blocks_do_not_count()
    {
        var items = TaskListParser.Parse("Example:\n\n    - [x] indented code\n\n- [ ] real");

        Assert.That(items, Is.EqualTo(new[] { new TaskItem(false, "real") }));
    }

    [Test]
    public void Items_in_an_html_comment_block_do_not_count()
    {
        var body = "<!--\n- [x] This change includes AI-assisted code\n\n- [x] after a blank line, still in the comment\n-->\n- [ ] real";

        Assert.That(TaskListParser.Parse(body), Is.EqualTo(new[] { new TaskItem(false, "real") }));
    }

    [Test]
    public void Items_in_an_html_comment_inside_a_list_item_do_not_count()
    {
        var body = "- [ ] outer\n  <!--\n  - [x] commented out\n  -->";

        Assert.That(TaskListParser.Parse(body), Is.EqualTo(new[] { new TaskItem(false, "outer") }));
    }

    [Test]
    public void Comment_opened_mid_paragraph_hides_nothing_because_github_renders_the_items()
    {
        // An inline "<!--" cannot span blocks: the list item interrupts the paragraph and GitHub shows the box ticked.
        var items = TaskListParser.Parse("Notes <!--\n- [x] visible\n-->");

        Assert.That(items, Has.Count.EqualTo(1));
        Assert.That(items[0].Checked, Is.True);
        Assert.That(items[0].Label, Does.StartWith("visible"));
    }

    [Test]
    public void Inline_comment_in_a_label_is_dropped_from_the_text()
    {
        var items = TaskListParser.Parse("- [x] This change <!-- keep --> includes AI-assisted code");

        Assert.That(items[0].Label, Is.EqualTo("This change  includes AI-assisted code"));
        Assert.That(TaskListParser.LabelMatches(items[0].Label, "This change includes AI-assisted code"), Is.True);
    }

    [Test]
    public void Nested_items_each_count_with_their_own_label()
    {
        var items = TaskListParser.Parse("- [ ] parent\n  - [x] child\n    - [ ] grandchild\n- [x] sibling");

        Assert.That(items, Is.EqualTo(new[]
        {
            new TaskItem(false, "parent"), new TaskItem(true, "child"), new TaskItem(false, "grandchild"), new TaskItem(true, "sibling"),
        }));
    }

    [Test]
    public void Items_in_a_block_quote_count_as_github_renders_them()
    {
        Assert.That(TaskListParser.Parse("> - [x] quoted"), Is.EqualTo(new[] { new TaskItem(true, "quoted") }));
    }

    [Test]
    public void Label_flattens_emphasis_code_links_and_entities()
    {
        var items = TaskListParser.Parse("- [x] **No** _secrets_ in `prompts`, see [the policy](https://example.com/p) &amp; <https://example.com>");

        Assert.That(items[0].Label, Is.EqualTo("No secrets in prompts, see the policy & https://example.com"));
    }

    [Test]
    public void Label_continues_over_wrapped_lines()
    {
        var items = TaskListParser.Parse("- [x] No secrets, credentials or customer data\n  were entered into AI tools");

        Assert.That(items[0].Label, Is.EqualTo("No secrets, credentials or customer data were entered into AI tools"));
    }

    [TestCase("- [x]done")]
    [TestCase("- text\n  [x] on the second line")]
    [TestCase("[x] not in a list")]
    [TestCase("- [y] not a tick")]
    [TestCase("- [x](https://example.com) a link")]
    public void Text_that_github_does_not_render_as_a_checkbox_does_not_count(string body)
    {
        Assert.That(TaskListParser.Parse(body), Is.Empty);
    }

    [Test]
    public void Checkbox_without_text_has_an_empty_label()
    {
        Assert.That(TaskListParser.Parse("- [x]\n- [ ] "), Is.EqualTo(new[] { new TaskItem(true, ""), new TaskItem(false, "") }));
    }

    [Test]
    public void A_long_label_is_cut_to_the_item_cap_but_still_matches_by_prefix()
    {
        var label = "No secrets were entered " + new string('a', 5000);

        var items = TaskListParser.Parse("- [x] " + label + "\n  more text\n- [ ] next");

        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items[0].Label.Length, Is.LessThanOrEqualTo(TaskItemInlineFilter.MaxItemSourceChars));
        Assert.That(label, Does.StartWith(items[0].Label));
        Assert.That(TaskListParser.LabelMatches(items[0].Label, "No secrets were entered"), Is.True);
        Assert.That(items[1], Is.EqualTo(new TaskItem(false, "next")));
    }

    [Test]
    public void One_mebibyte_of_checkboxes_is_read_completely()
    {
        const string line = "- [x] This change includes AI-assisted code\n";
        var count = (1 << 20) / line.Length;

        var items = TaskListParser.Parse(string.Concat(Enumerable.Repeat(line, count)));

        Assert.That(items, Has.Count.EqualTo(count));
        Assert.That(items.All(i => i.Checked && i.Label == "This change includes AI-assisted code"), Is.True);
    }

    [TestCase("[a](")]
    [TestCase("- [x] [a](")]
    [TestCase("![a](")]
    public void Hostile_link_openers_over_a_mebibyte_still_parse(string unit)
    {
        // Markdig alone needs minutes for this; the inline filter keeps it to the task items' capped text.
        var body = string.Concat(Enumerable.Repeat(unit, (1 << 20) / unit.Length));
        var bodyInItems = string.Concat(Enumerable.Repeat("- [x] " + string.Concat(Enumerable.Repeat(unit, 500)) + "\n", 400));

        Assert.That(TaskListParser.Parse(body), Has.Count.LessThanOrEqualTo(1));
        Assert.That(TaskListParser.Parse(bodyInItems), Has.Count.EqualTo(400));
    }

    [Test]
    public void Nesting_beyond_markdigs_limit_is_a_clear_error()
    {
        var ex = Assert.Throws<TaskListException>(() => TaskListParser.Parse(new string('>', 100_000) + " - [x] deep"));

        Assert.That(ex!.Message, Does.StartWith("the pull request body cannot be read as Markdown"));
    }

    [TestCase("This change includes AI-assisted code", "This change includes AI-assisted code", true)]
    [TestCase("this   CHANGE\tincludes\nAI-assisted code", "This change includes AI-assisted code", true)]
    [TestCase("No secrets, credentials or customer data were entered into AI tools for this change",
        "No secrets, credentials or customer data were entered into AI tools", true)]
    [TestCase("This change includes AI-assisted code", "  This   change includes  ", true)]
    [TestCase("This change does not include AI-assisted code", "This change includes AI-assisted code", false)]
    [TestCase("Thischange includes AI-assisted code", "This change includes", false)]
    [TestCase("I confirm: This change includes AI-assisted code", "This change includes", false)]
    [TestCase("short", "short label that is longer", false)]
    [TestCase("anything", "", false)]
    [TestCase("anything", "   ", false)]
    public void LabelMatches_is_a_case_and_whitespace_insensitive_prefix_test(string label, string configured, bool expected)
    {
        Assert.That(TaskListParser.LabelMatches(label, configured), Is.EqualTo(expected));
    }
}
