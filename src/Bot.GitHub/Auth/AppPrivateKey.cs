using System.Security.Cryptography;

namespace Bot.GitHub.Auth;

/// <summary>Loads the App's RSA private key from PEM text or a PEM file (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY").</summary>
public static class AppPrivateKey
{
    public static RSA FromPem(string pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new ArgumentException("The GitHub App private key is empty.", nameof(pem));
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            // The message names the problem, never the key material.
            throw new ArgumentException("The GitHub App private key is not a PEM-encoded RSA key (PKCS#1 or PKCS#8).", nameof(pem), e);
        }
    }

    public static RSA FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"GitHub App private key file not found: {path}", path);
        }

        return FromPem(File.ReadAllText(path));
    }

    /// <summary>Takes <see cref="GitHubAppOptions.PrivateKeyPem"/> or, failing that, <see cref="GitHubAppOptions.PrivateKeyPath"/>.</summary>
    public static RSA FromOptions(GitHubAppOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPem))
        {
            return FromPem(options.PrivateKeyPem);
        }

        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPath))
        {
            return FromFile(options.PrivateKeyPath);
        }

        throw new InvalidOperationException("No GitHub App private key configured: set PrivateKeyPem or PrivateKeyPath.");
    }
}
