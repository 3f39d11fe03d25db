using System.Security.Cryptography;
using System.Text;

namespace Bot.Serve.Http;

/// <summary>Checks an <c>Authorization: Bearer TOKEN</c> header against a configured token.</summary>
public static class BearerToken
{
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
