using System.Net;

namespace Bot.Dashboard.Http;

/// <summary>
/// The dashboard's cookies are marked Secure whenever the request is HTTPS (directly, or as <c>Dashboard:PublicUrl</c> says
/// behind a proxy that terminates TLS). Plain HTTP is answered only on the loopback interface, for trying the service out
/// on one's own machine; from anywhere else it is refused with the setting that fixes it, so a session cookie never
/// crosses a network in clear text.
/// </summary>
internal static class HttpsOnly
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.IsHttps || context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            "The dashboard is served over HTTPS only. Behind a proxy that terminates TLS, set Dashboard:PublicUrl to the https:// address people use.\n",
            context.RequestAborted);
    }
}
