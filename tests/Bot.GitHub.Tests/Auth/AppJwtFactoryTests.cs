using NUnit.Framework;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.FakeGitHub;
using Bot.GitHub.Auth;
using Bot.GitHub.Tests.Support;

namespace Bot.GitHub.Tests.Auth;

public class AppJwtFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Jwt_has_rs256_header_and_github_claims()
    {
        using var key = TestAppKey.Generate();
        using var rsa = AppPrivateKey.FromPem(key.PrivateKeyPkcs1Pem);
        var jwt = new AppJwtFactory("12345", rsa, new ManualClock(Now)).CreateToken();

        var (header, claims, _) = Decode(jwt);
        Assert.Multiple(() =>
        {
            Assert.That(header.GetProperty("alg").GetString(), Is.EqualTo("RS256"));
            Assert.That(header.GetProperty("typ").GetString(), Is.EqualTo("JWT"));
            Assert.That(claims.GetProperty("iat").GetInt64(), Is.EqualTo(Now.AddSeconds(-60).ToUnixTimeSeconds()));
            Assert.That(claims.GetProperty("exp").GetInt64(), Is.EqualTo(Now.AddMinutes(9).ToUnixTimeSeconds()));
            Assert.That(claims.GetProperty("iss").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(claims.GetProperty("iss").GetInt64(), Is.EqualTo(12345));
        });
    }

    [Test]
    public void Client_id_issuer_stays_a_string()
    {
        using var key = TestAppKey.Generate();
        using var rsa = AppPrivateKey.FromPem(key.PrivateKeyPkcs8Pem);
        var (_, claims, _) = Decode(new AppJwtFactory("Iv23liAbCdEf", rsa, new ManualClock(Now)).CreateToken());

        Assert.That(claims.GetProperty("iss").GetString(), Is.EqualTo("Iv23liAbCdEf"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Signature_verifies_with_the_public_key_for_pkcs1_and_pkcs8(bool pkcs1)
    {
        using var key = TestAppKey.Generate();
        using var rsa = AppPrivateKey.FromPem(pkcs1 ? key.PrivateKeyPkcs1Pem : key.PrivateKeyPkcs8Pem);
        var jwt = new AppJwtFactory("1", rsa).CreateToken();
        var (_, _, signature) = Decode(jwt);
        var signedPart = Encoding.ASCII.GetBytes(jwt[..jwt.LastIndexOf('.')]);

        Assert.That(key.Verify(signedPart, signature), Is.True);
        signedPart[^1] ^= 1;
        Assert.That(key.Verify(signedPart, signature), Is.False);
    }

    [Test]
    public void Key_is_read_from_a_file()
    {
        using var key = TestAppKey.Generate();
        var path = Path.Combine(Path.GetTempPath(), $"app-key-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, key.PrivateKeyPkcs8Pem);
        try
        {
            using var rsa = AppPrivateKey.FromOptions(new GitHubAppOptions { PrivateKeyPath = path });
            var data = Encoding.UTF8.GetBytes("x");
            Assert.That(key.Verify(data, rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)), Is.True);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Bad_key_gives_a_clear_error_without_the_key_text()
    {
        const string Garbage = "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----";
        var error = Assert.Throws<ArgumentException>(() => AppPrivateKey.FromPem(Garbage));
        Assert.That(error!.Message, Does.Contain("not a PEM-encoded RSA key").And.Not.Contain("bm90IGEga2V5"));
        Assert.Throws<InvalidOperationException>(() => AppPrivateKey.FromOptions(new GitHubAppOptions()));
        Assert.Throws<FileNotFoundException>(() => AppPrivateKey.FromFile("/nonexistent/key.pem"));
    }

    [Test]
    public void A_second_factory_with_the_same_key_signs_after_the_first_key_instance_is_disposed()
    {
        using var key = TestAppKey.Generate();
        var first = AppPrivateKey.FromPem(key.PrivateKeyPkcs1Pem);
        new AppJwtFactory("1", first).CreateToken();
        first.Dispose();

        using var second = AppPrivateKey.FromPem(key.PrivateKeyPkcs1Pem);
        var jwt = new AppJwtFactory("1", second).CreateToken();

        Assert.That(key.Verify(Encoding.ASCII.GetBytes(jwt[..jwt.LastIndexOf('.')]), Decode(jwt).Signature), Is.True);
    }

    private static (JsonElement Header, JsonElement Claims, byte[] Signature) Decode(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.That(parts, Has.Length.EqualTo(3));
        return (JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement,
                JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement,
                Base64Url.DecodeFromChars(parts[2]));
    }
}
