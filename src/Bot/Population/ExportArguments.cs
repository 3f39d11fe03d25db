using System.Globalization;
using Bot.Evidence.Export;

namespace Bot.Population;

/// <summary>Turns the export's textual arguments (command line or query string) into an <see cref="ExportRequest"/>;
/// bad input is an <see cref="ArgumentException"/> whose message says what to fix.</summary>
public static class ExportArguments
{
    public static ExportRequest Parse(string? from, string? to, IReadOnlyList<string> repositories, string? format,
        string? sample, string? seed, string? stratify, string webBaseUrl)
    {
        var request = new ExportRequest
        {
            From = Date("from", from),
            To = Date("to", to),
            Repositories = repositories,
            Format = (format ?? "csv").ToLowerInvariant() switch
            {
                "csv" => ExportFormat.Csv,
                "json" => ExportFormat.Json,
                "md" => ExportFormat.Md,
                _ => throw new ArgumentException($"format '{format}' is not one of csv, json, md."),
            },
            Sample = sample is null ? null
                : int.TryParse(sample, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new ArgumentException($"sample '{sample}' is not a whole number."),
            Seed = seed,
            StratifyAi = stratify switch
            {
                null => false,
                "ai" => true,
                _ => throw new ArgumentException($"stratify '{stratify}' is not supported (only 'ai')."),
            },
            WebBaseUrl = webBaseUrl,
        };
        request.Validate();
        return request;
    }

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Json => "application/json; charset=utf-8",
        ExportFormat.Md => "text/markdown; charset=utf-8",
        _ => "text/csv; charset=utf-8",
    };

    private static DateOnly Date(string name, string? text) =>
        text is null ? throw new ArgumentException($"{name} is required (YYYY-MM-DD).")
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ArgumentException($"{name} '{text}' is not a date (YYYY-MM-DD).");
}
