using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Dashboard.Pages.Account;

/// <summary>Sign-out is a form post (antiforgery-checked), never a link another site could trigger.</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect(DashboardPaths.Root);

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(DashboardPaths.CookieScheme);
        return Redirect(DashboardPaths.SignIn + "?signedOut=true");
    }
}
