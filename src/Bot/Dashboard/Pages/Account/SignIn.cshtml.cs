using Bot.Dashboard.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Dashboard.Pages.Account;

/// <summary>The page people land on before they are signed in: one button that sends them to GitHub.</summary>
public sealed class SignInModel : PageModel
{
    public string ReturnUrl { get; private set; } = DashboardPaths.Root;

    public bool Failed { get; private set; }

    public bool SignedOut { get; private set; }

    public bool Declined { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, bool failed, bool signedOut, bool declined)
    {
        ReturnUrl = DashboardPaths.Local(returnUrl);
        var session = await HttpContext.AuthenticateAsync(DashboardPaths.CookieScheme);
        if (session.Succeeded && session.Principal is { } user)
        {
            return DashboardClaims.IsAllowed(user) ? LocalRedirect(ReturnUrl) : RedirectToPage("/Account/Denied");
        }
        Failed = failed;
        SignedOut = signedOut;
        Declined = declined;
        return Page();
    }

    public IActionResult OnPost(string? returnUrl) =>
        Challenge(new AuthenticationProperties { RedirectUri = DashboardPaths.Local(returnUrl) }, DashboardPaths.GitHubScheme);
}
