using System.Security.Cryptography;

namespace Bot.FakeGitHub;

/// <summary>An RSA key pair made at test time (no key file is ever committed). The fake keeps the public half to
/// verify App JWTs; the bot under test gets the private PEM.</summary>
public sealed class TestAppKey : IDisposable
{
    private readonly RSA _rsa;

    private TestAppKey(RSA rsa) => _rsa = rsa;

    private static readonly Lazy<TestAppKey> SharedKey = new(() => Generate(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static TestAppKey Generate(int bits = 2048) => new(RSA.Create(bits));

    /// <summary>One key for the whole test process (never disposed), generated on first use.</summary>
    public static TestAppKey Shared => SharedKey.Value;

    /// <summary>"-----BEGIN RSA PRIVATE KEY-----" (PKCS#1), the format GitHub hands out.</summary>
    public string PrivateKeyPkcs1Pem => _rsa.ExportRSAPrivateKeyPem();

    /// <summary>"-----BEGIN PRIVATE KEY-----" (PKCS#8).</summary>
    public string PrivateKeyPkcs8Pem => _rsa.ExportPkcs8PrivateKeyPem();

    public RSAParameters PublicParameters => _rsa.ExportParameters(includePrivateParameters: false);

    public bool Verify(byte[] data, byte[] signature) =>
        _rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose() => _rsa.Dispose();
}
