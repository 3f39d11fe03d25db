using System.Security.Cryptography;
using System.Text;

namespace Bot.Serve.Http;

/// <summary>Endpoints for operators and auditors behind a configured bearer token (<c>Authorization: Bearer TOKEN</c>).</summary>
public static class BearerToken
{
    /// <summary>True when the request may go on. Otherwise the answer is set: 404 when no token is configured (the endpoint
    /// is off and does not show), 401 when the presented token is missing or wrong.</summary>
    public static bool Admit(HttpContext context, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }
        if (!Matches(context.Request.Headers.Authorization.ToString(), token))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return false;
        }
        return true;
    }

    /// <summary>Compares hashes of the presented and the configured token in constant time (no length or prefix leak).</summary>
    public static bool Matches(string header, string token)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(token);
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
