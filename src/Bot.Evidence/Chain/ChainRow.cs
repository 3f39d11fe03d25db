namespace Bot.Evidence.Chain;

/// <summary>
/// A record's column values in <see cref="ChainedTable.Columns"/> order: <see cref="string"/> for Text,
/// <see cref="long"/> for Number, <see cref="bool"/> for Boolean, null where the column is nullable.
/// Checked before it is queued, so a bad record fails its caller and never the batch it would have shared.
/// </summary>
internal static class ChainRow
{
    /// <summary>Every chain names its repository as <c>owner/name</c>; the export and the lookups depend on it.</summary>
    public static void RequireRepository(string repository, string paramName)
    {
        if (string.IsNullOrEmpty(repository) || !repository.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Repository '{repository}' is not owner/name.", paramName);
        }
    }

    public static object?[] Validate(ChainedTable table, object?[] values)
    {
        if (values.Length != table.Columns.Count)
        {
            throw new ArgumentException($"{table.Name}: expected {table.Columns.Count} values, got {values.Length}.", nameof(values));
        }
        for (var i = 0; i < values.Length; i++)
        {
            var column = table.Columns[i];
            var ok = values[i] switch
            {
                null => column.Nullable,
                string s => column.Kind == ChainValueKind.Text && IsValidUtf16(s),
                long => column.Kind == ChainValueKind.Number,
                bool => column.Kind == ChainValueKind.Boolean,
                _ => false,
            };
            if (!ok)
            {
                var found = values[i] is null ? "null" : values[i]!.GetType().Name;
                throw new ArgumentException(
                    $"{table.Name}.{column.Name}: {column.Kind}{(column.Nullable ? " or null" : "")} expected, got {found} (strings must be valid UTF-16, without lone surrogates).",
                    nameof(values));
            }
        }
        return values;
    }

    private static bool IsValidUtf16(string s)
    {
        try
        {
            _ = CanonicalJsonWriter.StrictUtf8.GetByteCount(s);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }
}

/// <summary>Reads a validated <see cref="ChainRow"/> for the encoder.</summary>
internal struct ObjectArrayValueReader(object?[] values, byte[] scratch) : IChainValueReader
{
    private byte[] _scratch = scratch;

    public readonly bool IsNull(int ordinal) => values[ordinal] is null;

    public readonly long GetInt64(int ordinal) => values[ordinal] switch
    {
        bool b => b ? 1 : 0,
        var v => (long)v!,
    };

    public ReadOnlySpan<byte> GetUtf8(int ordinal)
    {
        var text = (string)values[ordinal]!;
        var needed = CanonicalJsonWriter.StrictUtf8.GetMaxByteCount(text.Length);
        if (_scratch.Length < needed)
        {
            _scratch = new byte[Math.Max(needed, _scratch.Length * 2)];
        }
        var length = CanonicalJsonWriter.StrictUtf8.GetBytes(text, _scratch);
        return _scratch.AsSpan(0, length);
    }

    public readonly byte[] Scratch => _scratch;
}
