namespace Bot.Evidence.Export;

/// <summary>SQLite's NOCASE collation: ASCII A-Z fold to a-z, every other character compares as itself (ordinal).</summary>
internal static class SqliteNoCase
{
    public static bool Equals(string x, string y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }
        for (var i = 0; i < x.Length; i++)
        {
            if (Fold(x[i]) != Fold(y[i]))
            {
                return false;
            }
        }
        return true;
    }

    public static int GetHashCode(string value)
    {
        var hash = new HashCode();
        foreach (var c in value)
        {
            hash.Add(Fold(c));
        }
        return hash.ToHashCode();
    }

    /// <summary>SQLite's NOCASE order: ASCII case folded, then ordinal.</summary>
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);

    public static int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var c = Fold(x[i]).CompareTo(Fold(y[i]));
            if (c != 0)
            {
                return c;
            }
        }
        return x.Length.CompareTo(y.Length);
    }

    private static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
}
