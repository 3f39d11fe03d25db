namespace Bot.Dashboard.Http;

/// <summary>Headers on every dashboard answer: a content security policy that allows no script at all (the pages need none)
/// and no framing, no MIME sniffing, no referrer to GitHub, and no caching of pages that show evidence.</summary>
internal sealed class SecurityHeaders(string gitHubWebOrigin)
{
    // form-action names GitHub because the sign-in form's answer redirects there, and browsers hold redirects after a
    // form to the policy too.
    private readonly string _policy =
        $"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' {gitHubWebOrigin}; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = _policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        if (!context.Request.Path.StartsWithSegments(DashboardPaths.Assets))
        {
            // The value antiforgery asks for on pages with a form (it would otherwise replace it and log a warning each time).
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
        }
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }
        return next(context);
    }
}
