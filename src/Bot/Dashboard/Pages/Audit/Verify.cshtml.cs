using Bot.Dashboard.Evidence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Dashboard.Pages.Audit;

/// <summary>The Verify page: recomputes every hash of every chain on request (a form post) and shows each chain's result
/// with the checkpoint line to compare with the one kept outside the server.</summary>
public sealed class VerifyModel(DashboardStore store, VerificationLog log) : PageModel
{
    public VerificationRun? Run => log.Latest;

    /// <summary>What <c>bot checkpoint</c> prints for this file now; null when it has nothing to anchor yet.</summary>
    public string? Checkpoint { get; private set; }

    public void OnGet()
    {
        using var output = new StringWriter();
        Checkpoint = store.Chains.Checkpoint(output) == 0 ? output.ToString().Trim() : null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await log.RunAsync(store.Audit, User.Identity?.Name ?? "?", HttpContext.RequestAborted);
        // Post, then redirect: reloading the result does not run the verification again.
        return RedirectToPage();
    }
}
