using Bot.Dashboard.Evidence;
using Bot.Dashboard.Rendering;
using Bot.Evidence.Dashboard;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Dashboard.Pages.Audit;

/// <summary>The Changes table: the period's changes newest first, filtered by repository, AI-assisted, finding and override,
/// 50 a page (keyset paging, so any page of a million changes is as quick as the first).</summary>
public sealed class ChangesModel(DashboardStore store, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public PeriodQuery Period { get; private set; } = null!;

    public string? Error { get; private set; }

    public IReadOnlyList<string> Repositories { get; private set; } = [];

    /// <summary>"", "yes" or "no".</summary>
    public string Ai { get; private set; } = "";

    /// <summary>"", "any", "none" or a finding code.</summary>
    public string Finding { get; private set; } = "";

    /// <summary>"", "yes" or "no".</summary>
    public string Override { get; private set; } = "";

    public ChangePage? Result { get; private set; }

    public IActionResult OnGet()
    {
        (Period, Error) = PeriodQuery.Read(Request.Query, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        Repositories = store.Audit.Repositories();
        Ai = Request.Query["ai"].ToString();
        Finding = Request.Query["finding"].ToString();
        Override = Request.Query["override"].ToString();
        Error ??= Ai is "" or "yes" or "no" ? null : $"ai '{Ai}' is not yes or no.";
        Error ??= Override is "" or "yes" or "no" ? null : $"override '{Override}' is not yes or no.";
        Error ??= Finding is "" or ChangeFilter.AnyFinding or ChangeFilter.NoFinding || FindingLabels.ChangeCodes.Contains(Finding)
            ? null : $"finding '{Finding}' is not a finding code.";
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var filter = new ChangeFilter
        {
            Period = Period.ToRequest(store.WebBaseUrl),
            AiAssisted = YesNo(Ai),
            Finding = Finding.Length == 0 ? null : Finding,
            Overridden = YesNo(Override),
        };
        Result = store.Audit.Changes(filter,
            ChangeCursor.Parse(Request.Query["after"]), ChangeCursor.Parse(Request.Query["before"]), PageSize);
        return Page();
    }

    /// <summary>This table with its filters, at the page that starts after (older) or before (newer) <paramref name="cursor"/>.</summary>
    public string PageLink(string direction, ChangeCursor cursor) => Link((direction, cursor.ToString()));

    public string Link(params (string Key, string? Value)[] extra) =>
        Period.Link(DashboardPaths.Root + "/changes",
            [("ai", Empty(Ai)), ("finding", Empty(Finding)), ("override", Empty(Override)), .. extra]);

    private static bool? YesNo(string value) => value switch { "yes" => true, "no" => false, _ => null };

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
