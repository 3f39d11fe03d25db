using System.Text.RegularExpressions;

namespace Bot.GitHub.Rest;

/// <summary>Reads RFC 8288 <c>Link</c> headers; GitHub says to follow <c>rel="next"</c> verbatim rather than build page URLs.</summary>
public static partial class LinkHeader
{
    public static Uri? Next(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values) ? Find(values, "next") : null;

    public static Uri? Find(IEnumerable<string> headerValues, string rel)
    {
        foreach (var value in headerValues)
        {
            foreach (Match match in LinkPattern().Matches(value))
            {
                var rels = match.Groups["rel"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (rels.Contains(rel, StringComparer.OrdinalIgnoreCase))
                {
                    return new Uri(match.Groups["url"].Value, UriKind.Absolute);
                }
            }
        }

        return null;
    }

    [GeneratedRegex("""<(?<url>[^>]*)>\s*;\s*rel="(?<rel>[^"]*)"?""")]
    private static partial Regex LinkPattern();
}
