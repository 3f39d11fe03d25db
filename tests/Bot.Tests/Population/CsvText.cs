using System.Text;

namespace Bot.Tests.Population;

/// <summary>Reads RFC 4180 CSV back (quoted fields, doubled quotes, CRLF), skipping the <c>#</c> completeness lines.</summary>
internal static class CsvText
{
    public static List<string[]> Records(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                if (!fields[0].StartsWith('#')) records.Add([.. fields]);
                fields.Clear();
            }
            else field.Append(c);
        }
        return records;
    }
}
