using System.Text;

namespace Bot.Evidence.Export;

/// <summary>A Markdown report: title, period, one table row per change (text escaped so nothing renders as markup of
/// its own), then a "Completeness" section.</summary>
internal sealed class MarkdownExportWriter(Stream output) : IExportWriter
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };

    public void Begin(ExportRequest request, long population)
    {
        _writer.WriteLine("# CC8.1 change population");
        _writer.WriteLine();
        _writer.WriteLine($"Period: {CompletenessText.Period(request)}");
        if (CompletenessText.Sample(request) is { } sample)
        {
            _writer.WriteLine();
            _writer.WriteLine($"Sample: {Escape(sample)} of a population of {population}.");
        }
        _writer.WriteLine();
        _writer.WriteLine("| " + string.Join(" | ", ExportRow.Columns) + " |");
        _writer.WriteLine("|" + string.Concat(Enumerable.Repeat(" --- |", ExportRow.Columns.Count)));
    }

    public void Write(ExportRow row) => _writer.WriteLine("| " + string.Join(" | ", row.ToTexts().Select(Escape)) + " |");

    public void End(ExportCompleteness completeness)
    {
        _writer.WriteLine();
        _writer.WriteLine("## Completeness");
        _writer.WriteLine();
        foreach (var line in CompletenessText.Lines(completeness))
        {
            _writer.WriteLine("- " + Escape(line));
        }
        _writer.Flush();
    }

    /// <summary>Backslash-escapes every ASCII punctuation character Markdown could act on, and the table's pipe.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n')
            {
                sb.Append(' ');
            }
            else if (c is '<')
            {
                sb.Append("&lt;");
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or ',' or ':' or '/' or '@' or ';' or '%' or '\'' or '"' or '?' or '=')
            {
                sb.Append(c);
            }
            else if (char.IsAscii(c) && !char.IsControl(c))
            {
                sb.Append('\\').Append(c);
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    public void Dispose() => _writer.Dispose();
}
