using Bot.Dashboard.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Dashboard.Pages.Account;

/// <summary>403: signed in with GitHub, but neither listed in Dashboard:Allowed nor an active member of a listed team.</summary>
public sealed class DeniedModel : PageModel
{
    public IActionResult OnGet(string? returnUrl)
    {
        // Access is checked again on every request after the re-check interval; someone added meanwhile goes on.
        if (DashboardClaims.IsAllowed(User))
        {
            return LocalRedirect(DashboardPaths.Local(returnUrl));
        }
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
