using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Health;

/// <summary>SQLite's errors: a <see cref="SqliteException"/>, and among those the result codes that mean the file is
/// unavailable rather than the operation wrong.</summary>
internal sealed class SqliteStoreErrors : IStoreErrors
{
    public static SqliteStoreErrors Instance { get; } = new();

    // SQLite primary result codes: BUSY, LOCKED, IOERR, FULL, CANTOPEN.
    private static readonly HashSet<int> UnavailableCodes = [5, 6, 10, 13, 14];

    public bool IsStoreError(Exception error) => error is SqliteException;

    // Only SQLite's own errors count: it reports a full disk as SQLITE_FULL, never as an IOException, and an IOException
    // may as well come from a connection to GitHub, whose failures must use up attempts so that an outage ends in a
    // "could not evaluate" check run instead of retrying for ever.
    public bool IsUnavailable(Exception error) => error switch
    {
        SqliteException sqlite => UnavailableCodes.Contains(sqlite.SqliteErrorCode & 0xff),
        AggregateException { InnerExceptions: var inner } => inner.Count > 0 && inner.All(IsUnavailable),
        _ => false,
    };
}
