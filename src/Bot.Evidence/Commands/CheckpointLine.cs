using System.Globalization;
using Bot.Evidence.Chain;

namespace Bot.Evidence.Commands;

/// <summary>The one-line checkpoint format, <c>seq hash time</c>: what <c>checkpoint</c> prints and <c>verify --checkpoint</c> reads.</summary>
internal static class CheckpointLine
{
    public static string Format(ChainCheckpoint checkpoint) => $"{checkpoint.Seq} {checkpoint.Hash} {checkpoint.Time}";

    public static ChainCheckpoint Read(string file)
    {
        var lines = File.ReadAllLines(file).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
        if (lines.Length != 1)
        {
            throw new FormatException($"Checkpoint file {file} must hold one line 'seq hash time'; it has {lines.Length}.");
        }
        var parts = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1
            || parts[1].Length != 2 * ChainHasher.HashSize || !parts[1].All(char.IsAsciiHexDigitLower))
        {
            throw new FormatException($"Checkpoint file {file}: expected 'seq hash time' (seq >= 1, 64 lowercase hex digits), got '{lines[0]}'.");
        }
        return new ChainCheckpoint(seq, parts[1], parts[2]);
    }
}
