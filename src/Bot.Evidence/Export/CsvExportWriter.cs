using System.Text;

namespace Bot.Evidence.Export;

/// <summary>
/// RFC 4180 CSV, UTF-8 without BOM, CRLF line ends. A field that a spreadsheet would run as a formula (starting with
/// <c>= + - @</c>, tab or CR) is prefixed with <c>'</c>: titles come from pull request authors. The completeness
/// section follows the rows, each line starting with <c>#</c>.
/// </summary>
internal sealed class CsvExportWriter(Stream output) : IExportWriter
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };

    public void Begin(ExportRequest request, long population) => WriteRecord(ExportRow.Columns);

    public void Write(ExportRow row) => WriteRecord(row.ToTexts());

    public void End(ExportCompleteness completeness)
    {
        foreach (var line in CompletenessText.Lines(completeness))
        {
            _writer.Write("# ");
            _writer.WriteLine(line.Replace('\r', ' ').Replace('\n', ' '));
        }
        _writer.Flush();
    }

    private void WriteRecord(IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }
            WriteField(fields[i]);
        }
        _writer.WriteLine();
    }

    private void WriteField(string value)
    {
        var formula = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (!formula && value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(value);
            return;
        }
        _writer.Write('"');
        if (formula)
        {
            _writer.Write('\'');
        }
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    public void Dispose() => _writer.Dispose();
}
