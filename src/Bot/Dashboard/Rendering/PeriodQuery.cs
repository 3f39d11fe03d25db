using System.Globalization;
using Bot.Evidence.Export;
using Bot.Population;
using Microsoft.AspNetCore.WebUtilities;

namespace Bot.Dashboard.Rendering;

/// <summary>
/// The period and repositories every dashboard page is about, read from the query string (<c>from</c>, <c>to</c>, repeated
/// <c>repo</c>) with the export's own parser, so a date or a repository the export would refuse is refused here with the
/// same words. Without dates: the current quarter (UTC).
/// </summary>
public sealed record PeriodQuery(DateOnly From, DateOnly To, IReadOnlyList<string> Repositories)
{
    public static (PeriodQuery Period, string? Error) Read(IQueryCollection query, DateOnly today)
    {
        var quarter = Quarter(today);
        var from = Text(query, "from") ?? quarter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = Text(query, "to") ?? quarter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] repositories = [.. query["repo"].Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
        try
        {
            var request = ExportArguments.Parse(from, to, repositories, null, null, null, null, "https://github.com");
            return (new PeriodQuery(request.From, request.To, request.Repositories), null);
        }
        catch (ArgumentException e)
        {
            return (quarter, e.Message);
        }
    }

    /// <summary>The calendar quarter (UTC) that holds <paramref name="day"/>.</summary>
    public static PeriodQuery Quarter(DateOnly day)
    {
        var start = new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1);
        return new PeriodQuery(start, start.AddMonths(3).AddDays(-1), []);
    }

    public ExportRequest ToRequest(string webBaseUrl) => new() { From = From, To = To, Repositories = Repositories, WebBaseUrl = webBaseUrl };

    public string FromText => From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string ToText => To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"2025-01-01 to 2025-03-31 (UTC), all repositories" and the like.</summary>
    public string Describe() => $"{FromText} to {ToText} (UTC), " + (Repositories.Count == 0 ? "all repositories" : string.Join(", ", Repositories));

    /// <summary>The query string pairs of this period, to carry it from page to page.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Pairs() =>
        new[] { new KeyValuePair<string, string?>("from", FromText), new("to", ToText) }
            .Concat(Repositories.Select(r => new KeyValuePair<string, string?>("repo", r)));

    /// <summary>A dashboard address with this period and <paramref name="extra"/> (null values left out).</summary>
    public string Link(string path, params (string Key, string? Value)[] extra) =>
        QueryString(path, Pairs().Concat(extra.Where(e => e.Value is not null).Select(e => new KeyValuePair<string, string?>(e.Key, e.Value))));

    public static string QueryString(string path, IEnumerable<KeyValuePair<string, string?>> pairs) =>
        path + Microsoft.AspNetCore.Http.QueryString.Create(pairs).ToUriComponent();

    private static string? Text(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } text ? text.Trim() : null;
}
