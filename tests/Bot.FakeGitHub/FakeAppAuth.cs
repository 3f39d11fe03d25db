using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bot.FakeGitHub;

/// <summary>GitHub's side of App authentication: verifies App JWTs (RS256 signature with the App's public key, iss,
/// iat/exp window) and issues / checks installation tokens.</summary>
internal sealed class FakeAppAuth(TestAppKey key, string appId, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long InstallationId, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);
    private int _issued;

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public int TokensIssued => Volatile.Read(ref _issued);

    /// <summary>Null when the JWT is valid, else the reason GitHub would give a 401 for.</summary>
    public string? VerifyJwt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return "not a JWT";
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (header.RootElement.GetProperty("alg").GetString() != "RS256")
            {
                return "JWT must be RS256";
            }

            if (!key.Verify(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2])))
            {
                return "JWT signature does not verify with the App's public key";
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            var iss = claims.GetProperty("iss");
            var issuer = iss.ValueKind == JsonValueKind.Number ? iss.GetRawText() : iss.GetString();
            if (issuer != appId)
            {
                return "JWT iss is not this App";
            }

            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            var iat = claims.GetProperty("iat").GetInt64();
            var exp = claims.GetProperty("exp").GetInt64();
            if (iat > now + 60)
            {
                return "JWT iat is in the future";
            }

            if (exp <= now)
            {
                return "JWT expired";
            }

            return exp > now + 600 ? "JWT exp is too far in the future" : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return "malformed JWT";
        }
    }

    public (string Token, DateTimeOffset ExpiresAt) Issue(long installationId)
    {
        var token = "ghs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
        var expires = clock.GetUtcNow() + TokenLifetime;
        lock (_gate)
        {
            _tokens[token] = (installationId, expires);
        }

        Interlocked.Increment(ref _issued);
        return (token, expires);
    }

    /// <summary>The installation the token belongs to, or null when unknown, revoked or expired.</summary>
    public long? InstallationFor(string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var entry) && entry.ExpiresAt > clock.GetUtcNow() ? entry.InstallationId : null;
        }
    }

    public void Revoke(long? installationId)
    {
        lock (_gate)
        {
            foreach (var token in _tokens.Where(t => installationId is null || t.Value.InstallationId == installationId).Select(t => t.Key).ToList())
            {
                _tokens.Remove(token);
            }
        }
    }
}
