using System.Security.Cryptography;

namespace Bot.Evidence.Chain;

/// <summary>
/// <c>hash = SHA-256(prev_hash || canonical JSON)</c>, or <c>HMAC-SHA-256(key, prev_hash || canonical JSON)</c> when a key
/// is configured (then nobody without the key can recompute a forged chain). <c>prev_hash</c> enters as its 32 raw bytes;
/// the first record's <c>prev_hash</c> is 32 zero bytes. Hashes are stored as 64 lowercase hex characters.
/// </summary>
public sealed class ChainHasher
{
    public const int HashSize = 32;

    /// <summary>The shortest key a new chain is started with: as long as the HMAC's output, so the key is not the weak part.
    /// Shorter keys still verify a chain that was started with one.</summary>
    public const int MinimumKeyBytes = 32;
    private static readonly byte[] GenesisBytes = new byte[HashSize];
    private readonly byte[]? _key;

    public ChainHasher(byte[]? hmacKey)
    {
        if (hmacKey is { Length: 0 })
        {
            throw new ArgumentException("The HMAC key is empty; configure a key or none.", nameof(hmacKey));
        }
        _key = hmacKey is null ? null : (byte[])hmacKey.Clone();
    }

    public bool UsesHmac => _key is not null;

    /// <summary>The <c>prev_hash</c> of the first record.</summary>
    public static ReadOnlySpan<byte> Genesis => GenesisBytes;

    public void Compute(ReadOnlySpan<byte> prevHashAndJson, Span<byte> destination)
    {
        if (_key is null)
        {
            SHA256.HashData(prevHashAndJson, destination);
        }
        else
        {
            HMACSHA256.HashData(_key, prevHashAndJson, destination);
        }
    }

    /// <summary>A reusable hash object computing the same function as <see cref="Compute"/>; one per thread. Reusing it
    /// saves the per-record set-up, which for HMAC is most of the cost of a short message.</summary>
    public IncrementalHash CreateIncremental() => _key is null
        ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256)
        : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);

    /// <summary>Lowercase hex, the stored form.</summary>
    public static string ToHex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    /// <summary>Writes the lowercase hex of <paramref name="hash"/> as UTF-8 (for comparing with stored text without allocating).</summary>
    public static void ToHexUtf8(ReadOnlySpan<byte> hash, Span<byte> destination)
    {
        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        for (var i = 0; i < hash.Length; i++)
        {
            destination[2 * i] = digits[hash[i] >> 4];
            destination[(2 * i) + 1] = digits[hash[i] & 0xf];
        }
    }
}
