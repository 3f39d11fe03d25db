namespace Bot.Dashboard.Http;

/// <summary>Behind a proxy that terminates TLS the service sees http://internal-host; with <c>Dashboard:PublicUrl</c> the
/// dashboard answers as the address people use, so the OAuth callback sent to GitHub matches the App's callback URL and
/// the secure cookies are issued for it.</summary>
internal sealed class PublicAddress(Uri publicUrl)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.Scheme = publicUrl.Scheme;
        context.Request.Host = new HostString(publicUrl.Authority);
        return next(context);
    }
}
