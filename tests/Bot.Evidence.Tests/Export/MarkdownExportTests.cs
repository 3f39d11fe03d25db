using System.Text;
using Bot.Evidence.Export;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Bot.Evidence.Tests.Export;

/// <summary>The Markdown export shows text from GitHub (titles, logins, reasons) as exactly that text, as the check run
/// does: no link, mention, issue reference, HTML or extra table cell of its own. Only the export's own links are live.
/// Read back with a GitHub-like parser (autolinks, pipe tables).</summary>
public sealed class MarkdownExportTests
{
    private const string HostileTitle = "Fix https://evil.example/login for @alice, see #12 and www.evil.example <img src=x> [x](http://y.example) | col";
    private static readonly MarkdownPipeline GitHubLike = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static async Task<string> ExportMarkdownAsync(TestDatabase db)
    {
        await using (var store = db.Open())
        {
            await store.Changes.AppendAsync(TestDatabase.Change(1) with { Title = HostileTitle, Author = "@mallory", MergedBy = "@mallory" });
        }
        using var output = new MemoryStream();
        ChangeExporter.Export(db.FilePath, null, new ExportRequest { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31), Format = ExportFormat.Md }, output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Test]
    public async Task Links_and_mentions_in_a_title_are_not_live_and_the_export_link_is()
    {
        using var db = new TestDatabase();
        var markdown = await ExportMarkdownAsync(db);
        var document = Markdown.Parse(markdown, GitHubLike);

        var links = document.Descendants<LinkInline>().Select(l => l.Url).Concat(document.Descendants<AutolinkInline>().Select(l => l.Url)).ToList();
        Assert.That(links, Is.EqualTo(new[] { $"https://github.com/acme/payments/commit/{TestDatabase.Change(1).CommitShas[0]}" }));
        Assert.That(document.Descendants<HtmlInline>(), Is.Empty);
        // GitHub turns "@login" and "#12" into a mention and a reference; a zero-width space after the sign stops both.
        // (Ordinal: a culture-aware search ignores the zero-width space.)
        foreach (var live in new[] { "@alice", "@mallory", "#12" })
            Assert.That(markdown.Contains(live, StringComparison.Ordinal), Is.False, live);
    }

    [Test]
    public async Task The_title_is_one_cell_that_reads_as_the_title()
    {
        using var db = new TestDatabase();
        var document = Markdown.Parse(await ExportMarkdownAsync(db), GitHubLike);

        var table = document.Descendants<Table>().Single();
        var row = (TableRow)table[1];
        Assert.That(row, Has.Count.EqualTo(ExportRow.Columns.Count), "a pipe in the title does not add a cell");
        var titleCell = (TableCell)row[ExportRow.Columns.ToList().IndexOf("title")];
        var text = string.Concat(titleCell.Descendants<LiteralInline>().Select(l => l.Content.ToString())
            .Concat(titleCell.Descendants<HtmlEntityInline>().Select(e => e.Transcoded.ToString())));
        Assert.That(text.Replace("\u200B", "", StringComparison.Ordinal).Contains("Fix https://evil.example/login for @alice, see #12 and www.evil.example", StringComparison.Ordinal), Is.True, text);
        Assert.That(text.Contains("[x](http:\u200B//y.example) | col", StringComparison.Ordinal), Is.True, text);
    }
}
