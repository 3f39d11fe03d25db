using System.Globalization;
using Bot.Evidence.Chain;

namespace Bot.Evidence.Commands;

/// <summary>The head of one chain in a checkpoint; <see cref="Seq"/> 0 (and no hash) for a chain that held no record yet.</summary>
public sealed record ChainHead(string Chain, long Seq, string? Hash);

/// <summary>The heads of every chain at one moment. <see cref="OneChainFormat"/>: read from the line an older bot printed,
/// which held the decisions chain only.</summary>
public sealed record EvidenceCheckpoint(string Time, IReadOnlyList<ChainHead> Heads, bool OneChainFormat = false);

/// <summary>
/// The checkpoint line: what <c>checkpoint</c> prints and <c>verify --checkpoint</c> reads. One line for every chain,
/// <c>evidence-checkpoint/2 TIME decisions=SEQ:HASH changes=0 overrides=SEQ:HASH</c> (TIME: when it was taken; a chain
/// without records is <c>NAME=0</c>). The older one-chain line <c>seq hash time</c> is still read, as a checkpoint of the
/// decisions chain alone.
/// </summary>
internal static class CheckpointLine
{
    public const string Marker = "evidence-checkpoint/2";

    /// <summary>The chain an older one-chain checkpoint anchored.</summary>
    private const string OneChainName = "decisions";

    public static string Format(EvidenceCheckpoint checkpoint) =>
        string.Join(' ', new[] { Marker, checkpoint.Time }.Concat(checkpoint.Heads.Select(h => h.Seq == 0
            ? $"{h.Chain}=0"
            : string.Create(CultureInfo.InvariantCulture, $"{h.Chain}={h.Seq}:{h.Hash}"))));

    /// <summary>Reads <paramref name="fileOrLine"/>: the path of a file holding the line, or the line itself.</summary>
    public static EvidenceCheckpoint Read(string fileOrLine)
    {
        if (File.Exists(fileOrLine))
        {
            var lines = File.ReadAllLines(fileOrLine).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
            if (lines.Length != 1)
            {
                throw new FormatException($"Checkpoint file {fileOrLine} must hold the one line `bot checkpoint` printed; it has {lines.Length}.");
            }
            return Parse(lines[0], $"checkpoint file {fileOrLine}");
        }
        if (!fileOrLine.Contains(' ', StringComparison.Ordinal))
        {
            throw new FormatException($"No checkpoint file at {fileOrLine} (give the file, or the line `bot checkpoint` printed, in quotes).");
        }
        return Parse(fileOrLine, "checkpoint");
    }

    public static EvidenceCheckpoint Parse(string line, string source)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 3 && parts[0].All(char.IsAsciiDigit))
        {
            return ParseOneChain(parts, line, source);
        }
        if (parts.Length < 2 || parts[0] != Marker)
        {
            throw new FormatException($"{source}: expected '{Marker} TIME CHAIN=SEQ:HASH …' as `bot checkpoint` prints it, got '{line}'.");
        }
        if (!DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            throw new FormatException($"{source}: '{parts[1]}' is not the time the checkpoint was taken.");
        }
        var heads = new List<ChainHead>();
        foreach (var part in parts[2..])
        {
            var head = ParseHead(part, source);
            if (heads.Any(h => h.Chain == head.Chain))
            {
                throw new FormatException($"{source}: the chain '{head.Chain}' is named twice.");
            }
            heads.Add(head);
        }
        return new EvidenceCheckpoint(parts[1], heads);
    }

    /// <summary><c>NAME=0</c> or <c>NAME=SEQ:HASH</c> (SEQ &gt;= 1, HASH 64 lowercase hex digits).</summary>
    private static ChainHead ParseHead(string part, string source)
    {
        var equals = part.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? part[..equals] : "";
        var value = equals > 0 ? part[(equals + 1)..] : "";
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new FormatException($"{source}: '{part}' is not CHAIN=SEQ:HASH.");
        }
        if (value == "0")
        {
            return new ChainHead(name, 0, null);
        }
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !TryParseSeqAndHash(value[..colon], value[(colon + 1)..], out var seq))
        {
            throw new FormatException($"{source}: '{part}' is not CHAIN=SEQ:HASH (SEQ >= 1, 64 lowercase hex digits) or CHAIN=0.");
        }
        return new ChainHead(name, seq, value[(colon + 1)..]);
    }

    private static EvidenceCheckpoint ParseOneChain(string[] parts, string line, string source)
    {
        if (!TryParseSeqAndHash(parts[0], parts[1], out var seq))
        {
            throw new FormatException($"{source}: expected 'seq hash time' (seq >= 1, 64 lowercase hex digits), got '{line}'.");
        }
        return new EvidenceCheckpoint(parts[2], [new ChainHead(OneChainName, seq, parts[1])], OneChainFormat: true);
    }

    private static bool TryParseSeqAndHash(string seqText, string hash, out long seq) =>
        long.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out seq) && seq >= 1
        && hash.Length == 2 * ChainHasher.HashSize && hash.All(char.IsAsciiHexDigitLower);
}
