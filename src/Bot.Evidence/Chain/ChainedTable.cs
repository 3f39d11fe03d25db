using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Evidence.Chain;

/// <summary>How a record column is stored and how it appears in the canonical JSON.</summary>
public enum ChainValueKind
{
    /// <summary>TEXT; a JSON string.</summary>
    Text,
    /// <summary>INTEGER; a JSON number.</summary>
    Number,
    /// <summary>INTEGER 0/1; JSON true/false.</summary>
    Boolean,
}

/// <summary>One record column of a chained table.</summary>
public sealed record ChainColumn(string Name, ChainValueKind Kind, bool Nullable = false);

/// <summary>
/// A table that is append-only and hash-chained: columns <c>seq</c> (1, 2, 3 … without gaps), <c>prev_hash</c>,
/// <c>hash</c> and the record columns listed here. The decisions table is one; later chained tables (changes,
/// overrides) declare themselves the same way and reuse <see cref="ChainAppender"/> and <see cref="ChainVerifier"/>.
/// </summary>
public sealed partial class ChainedTable
{
    internal const string SeqKey = "seq";

    public ChainedTable(string name, IEnumerable<ChainColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (!IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException($"Table name '{name}' must match [a-z][a-z0-9_]*.", nameof(name));
        }
        Name = name;
        Columns = [.. columns];
        var names = new HashSet<string>(StringComparer.Ordinal) { SeqKey, "prev_hash", "hash" };
        foreach (var column in Columns)
        {
            if (!IdentifierPattern().IsMatch(column.Name) || !names.Add(column.Name))
            {
                throw new ArgumentException($"Column '{column.Name}' of {name} is reserved, repeated or not [a-z][a-z0-9_]*.", nameof(columns));
            }
        }

        // The canonical JSON lists seq and the columns sorted by the keys' bytes; ordinal -1 stands for seq.
        Members = [.. Columns.Select((c, i) => new Member(Encoding.UTF8.GetBytes(c.Name), i, c.Kind))
            .Append(new Member(Encoding.UTF8.GetBytes(SeqKey), -1, ChainValueKind.Number))
            .OrderBy(m => Encoding.UTF8.GetString(m.Key), StringComparer.Ordinal)];

        var columnList = string.Join(", ", Columns.Select(c => c.Name));
        InsertSql = $"INSERT INTO {name} (seq, prev_hash, hash, {columnList}) VALUES ($seq, $prev_hash, $hash, "
            + string.Join(", ", Columns.Select(c => "$" + c.Name)) + ")";
        SelectAllSql = $"SELECT seq, prev_hash, hash, {columnList} FROM {name} ORDER BY seq";
        HeadSql = $"SELECT seq, hash FROM {name} ORDER BY seq DESC LIMIT 1";
    }

    public string Name { get; }

    /// <summary>Record columns in insert order (not including seq, prev_hash, hash).</summary>
    public IReadOnlyList<ChainColumn> Columns { get; }

    internal IReadOnlyList<Member> Members { get; }

    internal string InsertSql { get; }

    /// <summary>seq, prev_hash, hash, then <see cref="Columns"/> in order.</summary>
    internal string SelectAllSql { get; }

    internal string HeadSql { get; }

    internal readonly record struct Member(byte[] Key, int Ordinal, ChainValueKind Kind);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
