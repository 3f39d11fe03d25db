using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Evidence.Export;

/// <summary>
/// Draws a reproducible uniform sample without replacement (docs/export.md documents it so an auditor can
/// re-draw it by hand or in a spreadsheet script):
/// <list type="number">
/// <item>The population is in export order (the order of the population file), indices 0..n-1.</item>
/// <item>Random numbers: the k-th 64-bit number (k = 0, 1, 2, …) is the first 8 bytes, big-endian, of
/// SHA-256(UTF-8 of <c>seed + "\n" + k</c>), k written in decimal.</item>
/// <item>A number below m: draw x; if x ≥ 2^64 − (2^64 mod m) draw again (no modulo bias), else the answer is x mod m.</item>
/// <item>Partial Fisher–Yates: a = [0..n-1]; for i = 0..N-1: j = i + below(n − i); swap a[i], a[j]. The sample is a[0..N-1].</item>
/// </list>
/// Not <see cref="Random"/>: its algorithm is not a documented contract and may change between .NET versions.
/// </summary>
public sealed class SampleDrawer
{
    private readonly string _seed;
    private long _counter;

    public SampleDrawer(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        _seed = seed;
    }

    /// <summary>How many 64-bit numbers were drawn so far (rejections included).</summary>
    public long Drawn => _counter;

    public ulong Next()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(_seed + "\n" + _counter.ToString(CultureInfo.InvariantCulture)), hash);
        _counter++;
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>A uniform number in [0, <paramref name="bound"/>).</summary>
    public ulong Below(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        // 2^64 mod bound, computed without overflow.
        var excess = (ulong.MaxValue % bound + 1) % bound;
        var limit = ulong.MaxValue - excess; // numbers above limit would favour small answers
        while (true)
        {
            var x = Next();
            if (excess == 0 || x <= limit)
            {
                return x % bound;
            }
        }
    }

    /// <summary>Indices of the sample, in draw order: <paramref name="count"/> of 0..<paramref name="population"/>-1 (all when count ≥ population).</summary>
    public static IReadOnlyList<int> Draw(int population, int count, string seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var take = Math.Min(count, population);
        var drawer = new SampleDrawer(seed);
        // Only the touched slots are stored, so drawing 25 from 1,000,000 needs no million-entry array.
        var swapped = new Dictionary<int, int>();
        var result = new int[take];
        for (var i = 0; i < take; i++)
        {
            var j = i + (int)drawer.Below((ulong)(population - i));
            var atJ = swapped.TryGetValue(j, out var vj) ? vj : j;
            var atI = swapped.TryGetValue(i, out var vi) ? vi : i;
            swapped[j] = atI;
            result[i] = atJ;
        }
        return result;
    }
}
