using System.Security.Cryptography;
using System.Text;

namespace Bot.Serve.Evaluation;

/// <summary>The SHA-256 of a text's UTF-8 bytes as lowercase hex: how the bot fingerprints what it read (the policy file,
/// the pull request body, a decision, a check run summary), so that anyone can recompute it with <c>sha256sum</c>.</summary>
public static class Sha256Text
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
