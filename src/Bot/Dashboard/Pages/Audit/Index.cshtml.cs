using Bot.Dashboard.Evidence;
using Bot.Dashboard.Rendering;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Dashboard.Pages.Audit;

/// <summary>The Overview: a period's population, AI-assisted share, gaps by finding, approved overrides, the chains' state
/// and a weekly chart.</summary>
public sealed class IndexModel(DashboardStore store, VerificationLog verification, TimeProvider clock) : PageModel
{
    public PeriodQuery Period { get; private set; } = null!;

    public string? Error { get; private set; }

    public IReadOnlyList<string> Repositories { get; private set; } = [];

    public PopulationOverview? Overview { get; private set; }

    public WeeklyChart? Chart { get; private set; }

    public VerificationRun? LastVerification => verification.Latest;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public IActionResult OnGet()
    {
        (Period, Error) = PeriodQuery.Read(Request.Query, Today);
        Repositories = store.Audit.Repositories();
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Overview = store.Audit.Overview(Period.ToRequest(store.WebBaseUrl));
        Chart = new WeeklyChart(Overview.Weeks);
        return Page();
    }

    public string ChangesLink(params (string Key, string? Value)[] filter) => Period.Link(DashboardPaths.Root + "/changes", filter);
}
