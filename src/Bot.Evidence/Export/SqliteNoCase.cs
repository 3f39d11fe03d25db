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

    private static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
}
