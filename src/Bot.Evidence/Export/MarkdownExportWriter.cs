using System.Text;
using Bot.Core.Rendering;

namespace Bot.Evidence.Export;

/// <summary>A Markdown report: title, period, one table row per change, then a "Completeness" section. Text is escaped
/// as the check run escapes it (<see cref="MarkdownText"/>): a title, login or reason renders as exactly that text, with
/// no link, mention, reference or markup of its own. Only the links the export builds itself are live.</summary>
internal sealed class MarkdownExportWriter(Stream output) : IExportWriter
{
    private static readonly int[] LinkColumns = [.. new[] { "change_url", "check_run_url" }.Select(c => ExportRow.Columns.ToList().IndexOf(c))];

    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };

    public void Begin(ExportRequest request, long population)
    {
        _writer.WriteLine("# CC8.1 change population");
        _writer.WriteLine();
        _writer.WriteLine($"Period: {CompletenessText.Period(request)}");
        if (CompletenessText.Sample(request) is { } sample)
        {
            _writer.WriteLine();
            _writer.WriteLine($"Sample: {MarkdownText.Escape(sample)} of a population of {population}.");
        }
        _writer.WriteLine();
        _writer.WriteLine("| " + string.Join(" | ", ExportRow.Columns) + " |");
        _writer.WriteLine("|" + string.Concat(Enumerable.Repeat(" --- |", ExportRow.Columns.Count)));
    }

    public void Write(ExportRow row) =>
        _writer.WriteLine("| " + string.Join(" | ", row.ToTexts().Select((text, column) => LinkColumns.Contains(column) ? Link(text) : MarkdownText.Escape(text))) + " |");

    public void End(ExportCompleteness completeness)
    {
        _writer.WriteLine();
        _writer.WriteLine("## Completeness");
        _writer.WriteLine();
        foreach (var line in CompletenessText.Lines(completeness))
        {
            _writer.WriteLine("- " + MarkdownText.Escape(line));
        }
        _writer.Flush();
    }

    /// <summary>A link the export built (web base URL + repository + number or SHA) as an autolink, when it is one that
    /// cannot leave the angle brackets or the table cell; anything else is shown as escaped text.</summary>
    private static string Link(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !url.Any(c => c is '<' or '>' or '|' or '\\' or ' ' || char.IsControl(c))
            ? $"<{url}>"
            : MarkdownText.Escape(url);

    public void Dispose() => _writer.Dispose();
}
