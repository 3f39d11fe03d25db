using System.Text;
using Bot.Dashboard.Evidence;
using Bot.Dashboard.Http;
using Bot.Dashboard.Rendering;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Export;
using Bot.Population;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Dashboard.Pages.Audit;

/// <summary>
/// The Sample page: size, seed and stratification in, the drawn rows out, with downloads in CSV, JSON and Markdown. Drawing
/// runs the export itself (<see cref="ChangeExporter"/>, JSON) and lists its rows; the downloads run it again in the asked
/// format, so each is byte for byte what <c>bot export</c> writes with the arguments shown.
/// </summary>
public sealed class SampleModel(DashboardStore store, TimeProvider clock) : PageModel
{
    public PeriodQuery Period { get; private set; } = null!;

    public string? Error { get; private set; }

    public IReadOnlyList<string> Repositories { get; private set; } = [];

    public string Size { get; private set; } = "25";

    public string Seed { get; private set; } = "";

    public bool Stratify { get; private set; }

    public ExportCompleteness? Completeness { get; private set; }

    public IReadOnlyList<SampleRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        (Period, Error) = PeriodQuery.Read(Request.Query, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        Repositories = store.Audit.Repositories();
        var drawing = Request.Query.ContainsKey("sample");
        Size = drawing ? Request.Query["sample"].ToString() : Size;
        Seed = Request.Query["seed"].ToString();
        Stratify = Request.Query["stratify"] == "ai";
        if (Error is null && drawing)
        {
            try
            {
                var request = ExportRequestFor(ExportFormat.Json);
                using var json = new MemoryStream();
                Completeness = await Task.Run(() => store.Export.Export(request, json), HttpContext.RequestAborted);
                Rows = SampleRows.Read(json.ToArray());
            }
            catch (ArgumentException e)
            {
                Error = e.Message;
            }
        }
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public static IReadOnlyList<(ExportFormat Format, string Name, string Label)> Formats { get; } =
        [(ExportFormat.Csv, "csv", "CSV"), (ExportFormat.Json, "json", "JSON"), (ExportFormat.Md, "md", "Markdown")];

    /// <summary>The download of this sample in <paramref name="format"/>.</summary>
    public string Download(string format) =>
        Period.Link(DashboardPaths.Export, ("format", format), ("sample", Size), ("seed", Seed), ("stratify", Stratify ? "ai" : null));

    /// <summary>The <c>bot export</c> command line that writes the same bytes.</summary>
    public string Command(string format)
    {
        var command = new StringBuilder($"bot export --from {Period.FromText} --to {Period.ToText}");
        foreach (var repository in Period.Repositories)
        {
            command.Append(" --repo ").Append(Quote(repository));
        }
        command.Append(" --sample ").Append(Size).Append(" --seed ").Append(Quote(Seed));
        if (Stratify)
        {
            command.Append(" --stratify ai");
        }
        command.Append(" --format ").Append(format);
        if (store.WebBaseUrl != "https://github.com")
        {
            command.Append(" --web-url ").Append(Quote(store.WebBaseUrl));
        }
        return command.ToString();
    }

    public string FileName(ExportFormat format) => SampleExport.FileName(ExportRequestFor(format));

    private ExportRequest ExportRequestFor(ExportFormat format) =>
        ExportArguments.Parse(Period.FromText, Period.ToText, Period.Repositories, format.ToString().ToLowerInvariant(), Size, Seed,
            Stratify ? "ai" : null, store.WebBaseUrl);

    /// <summary>A word for a POSIX shell: as it is when it is plain, else in single quotes.</summary>
    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '@')
            ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
