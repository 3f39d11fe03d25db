using Bot.Dashboard.Evidence;
using Bot.Dashboard.Rendering;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Dashboard.Pages.Audit;

/// <summary>One change: its record and place in the chain, its decisions over time, the overrides of its pull request, the
/// commits that landed, and links to GitHub.</summary>
public sealed class ChangeModel(DashboardStore store, TimeProvider clock) : PageModel
{
    public ChangeDetail Detail { get; private set; } = null!;

    public PeriodQuery Period { get; private set; } = null!;

    public string Web => store.WebBaseUrl;

    public async Task<IActionResult> OnGetAsync(long seq)
    {
        // The period only carries the reader back to the table they came from; the change is shown whatever its date.
        (Period, _) = PeriodQuery.Read(Request.Query, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (await store.Audit.ChangeAsync(seq, HttpContext.RequestAborted) is not { } detail)
        {
            return NotFound();
        }
        Detail = detail;
        return Page();
    }

    public string? PullRequestUrl => Detail.Change.Record.PullRequestNumber is { } n ? GitHubLinks.PullRequest(Web, Detail.Change.Record.Repository, n) : null;

    /// <summary>The check run of the decision in force at merge, as the export's check_run_url.</summary>
    public string? CheckRunUrl => Detail.Decisions.FirstOrDefault(d => d.Seq == Detail.Change.Record.DecisionSeq)?.Record.CheckRunId is { } id
        ? GitHubLinks.CheckRun(Web, Detail.Change.Record.Repository, id) : null;
}
