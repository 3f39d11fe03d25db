using System.Text.Json;

namespace Bot.Evidence.Export;

/// <summary>
/// The qualifying approvals of a decision's <c>approvals_json</c> (an array of objects): those whose <c>qualifies</c> is
/// true, with <c>login</c> ("(unknown)" unless a string) and <c>submittedAt</c> ("" unless a string). Read forward with
/// <see cref="Utf8JsonReader"/>, as <see cref="JsonDocument"/> would read them (a repeated property: the last one counts;
/// not an array of objects: <see cref="InvalidOperationException"/>), without building a document per change.
/// </summary>
internal static class ExportApprovalsJson
{
    public static List<ExportApproval> Qualifying(ReadOnlySpan<byte> utf8)
    {
        var result = new List<ExportApproval>();
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidOperationException($"approvals_json is not an array (it starts with {reader.TokenType}).");
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidOperationException($"approvals_json holds a {reader.TokenType} where an approval object belongs.");
            }
            var qualifies = false;
            string? login = null;
            string? submittedAt = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueTextEquals("qualifies"u8) ? 1 : reader.ValueTextEquals("login"u8) ? 2 : reader.ValueTextEquals("submittedAt"u8) ? 3 : 0;
                reader.Read();
                switch (name)
                {
                    case 1:
                        qualifies = reader.TokenType == JsonTokenType.True;
                        break;
                    case 2:
                        login = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case 3:
                        submittedAt = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                }
                reader.Skip();
            }
            if (qualifies)
            {
                result.Add(new ExportApproval(login ?? "(unknown)", submittedAt ?? ""));
            }
        }
        // What follows the array must be valid JSON too, as a document parse demands.
        while (reader.Read())
        {
        }
        return result;
    }
}
