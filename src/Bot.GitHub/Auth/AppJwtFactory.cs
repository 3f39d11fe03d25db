using System.Globalization;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bot.GitHub.Auth;

/// <summary>Mints the App JWT (RS256): <c>iat</c> 60 s in the past against clock drift, <c>exp</c> 9 minutes ahead
/// (GitHub refuses more than 10), <c>iss</c> = App id.</summary>
public sealed class AppJwtFactory
{
    public static readonly TimeSpan IssuedAtSkew = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    private readonly string _appId;
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AppJwtFactory(string appId, RSA privateKey, TimeProvider? timeProvider = null)
    {
        if (string.IsNullOrWhiteSpace(appId))
        {
            throw new ArgumentException("The GitHub App id (JWT issuer) is empty.", nameof(appId));
        }

        _appId = appId.Trim();
        _credentials = new SigningCredentials(new RsaSecurityKey(privateKey), SecurityAlgorithms.RsaSha256)
        {
            // The library's default cache is process-wide and keyed by the key's thumbprint: a second App built with the
            // same key would sign with the first one's (possibly disposed) RSA instance.
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        _time = timeProvider ?? TimeProvider.System;
    }

    public string CreateToken()
    {
        var now = _time.GetUtcNow();
        var issuedAt = now - IssuedAtSkew;
        var expires = now + Lifetime;
        // A numeric App id goes out as a JSON number (what GitHub documents); a client id stays a string.
        object issuer = long.TryParse(_appId, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) ? numeric : _appId;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iat"] = issuedAt.ToUnixTimeSeconds(),
                ["exp"] = expires.ToUnixTimeSeconds(),
                ["iss"] = issuer,
            },
            SigningCredentials = _credentials,
        });
    }
}
