using System.Buffers;
using System.Security.Cryptography;

namespace Bot.GitHub.Webhooks;

/// <summary>
/// X-Hub-Signature-256 check: <c>sha256=</c> + hex HMAC-SHA256(secret, exact raw body bytes).
/// </summary>
/// <remarks>
/// Accepted header format, decided deliberately:
/// - the prefix must be exactly lowercase <c>sha256=</c> (it names the algorithm; GitHub never sends another spelling,
///   so <c>SHA256=</c> or a bare digest is treated as not-a-GitHub-signature);
/// - exactly 64 hex digits follow, no whitespace; hex case is accepted either way, because the comparison is over
///   the decoded 32 bytes and case only changes the representation, not what is proven;
/// - the legacy <c>X-Hub-Signature: sha1=</c> is never accepted (SHA-1 value in this header fails the prefix check).
/// </remarks>
public static class WebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";
    public const string Prefix = "sha256=";

    private const int DigestBytes = 32;
    private const int HexLength = DigestBytes * 2;

    /// <summary>True only if <paramref name="signatureHeader"/> is a well-formed sha256 signature of <paramref name="body"/>.</summary>
    /// <exception cref="ArgumentException">The secret is empty (a misconfiguration: anyone could sign).</exception>
    public static bool Verify(ReadOnlySpan<byte> body, string? signatureHeader, ReadOnlySpan<byte> secret)
    {
        RequireSecret(secret);
        Span<byte> claimed = stackalloc byte[DigestBytes];
        return TryParse(signatureHeader, claimed) && Matches(body, claimed, secret);
    }

    /// <summary>The same check over a body held in several pieces (pooled buffers), hashed piece by piece.</summary>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    public static bool Verify(in ReadOnlySequence<byte> body, string? signatureHeader, ReadOnlySpan<byte> secret)
    {
        RequireSecret(secret);
        Span<byte> claimed = stackalloc byte[DigestBytes];
        return TryParse(signatureHeader, claimed) && Matches(body, claimed, secret);
    }

    /// <summary>True if <paramref name="signatureHeader"/> is a well-formed sha256 signature of <paramref name="body"/> with any
    /// of <paramref name="secrets"/> (two during a rotation of the secret). The body may be held in several pieces (pooled
    /// buffers): it is hashed piece by piece without being copied into one array first. Each secret is compared in constant
    /// time, and every secret is tried whichever matches, so the time taken does not tell which one did.</summary>
    /// <exception cref="ArgumentException">No secret, or an empty one.</exception>
    public static bool VerifyAny(in ReadOnlySequence<byte> body, string? signatureHeader, IReadOnlyList<byte[]> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0)
        {
            throw new ArgumentException("At least one webhook secret is needed.", nameof(secrets));
        }

        foreach (var secret in secrets)
        {
            RequireSecret(secret);
        }

        Span<byte> claimed = stackalloc byte[DigestBytes];
        if (!TryParse(signatureHeader, claimed))
        {
            return false;
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            matched |= Matches(body, claimed, secret);
        }

        return matched;
    }

    /// <summary><see cref="VerifyAny(in ReadOnlySequence{byte}, string?, IReadOnlyList{byte[]})"/> for a body in one array.</summary>
    public static bool VerifyAny(ReadOnlyMemory<byte> body, string? signatureHeader, IReadOnlyList<byte[]> secrets) =>
        VerifyAny(new ReadOnlySequence<byte>(body), signatureHeader, secrets);

    /// <summary>Whether <paramref name="signatureHeader"/> has the form of a signature at all; a request without one can be
    /// refused before its body is read.</summary>
    public static bool IsWellFormed(string? signatureHeader) => TryParse(signatureHeader, stackalloc byte[DigestBytes]);

    /// <summary>The header value GitHub would send for <paramref name="body"/>: <c>sha256=</c> + lowercase hex.</summary>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    public static string Sign(ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        RequireSecret(secret);
        Span<byte> digest = stackalloc byte[DigestBytes];
        HMACSHA256.HashData(secret, body, digest);
        return Prefix + Convert.ToHexStringLower(digest);
    }

    /// <summary>Decodes <c>sha256=</c> + 64 hex digits into <paramref name="claimed"/>; false for anything else.</summary>
    private static bool TryParse(string? signatureHeader, Span<byte> claimed)
    {
        if (signatureHeader is null
            || signatureHeader.Length != Prefix.Length + HexLength
            || !signatureHeader.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var status = Convert.FromHexString(signatureHeader.AsSpan(Prefix.Length), claimed, out _, out var written);
        return status == OperationStatus.Done && written == DigestBytes;
    }

    private static bool Matches(ReadOnlySpan<byte> body, ReadOnlySpan<byte> claimed, ReadOnlySpan<byte> secret)
    {
        Span<byte> expected = stackalloc byte[DigestBytes];
        HMACSHA256.HashData(secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    private static bool Matches(in ReadOnlySequence<byte> body, ReadOnlySpan<byte> claimed, ReadOnlySpan<byte> secret)
    {
        if (body.IsSingleSegment)
        {
            return Matches(body.FirstSpan, claimed, secret);
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        foreach (var piece in body)
        {
            hmac.AppendData(piece.Span);
        }

        Span<byte> expected = stackalloc byte[DigestBytes];
        hmac.GetHashAndReset(expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    private static void RequireSecret(ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("The webhook secret must not be empty.", nameof(secret));
        }
    }
}
