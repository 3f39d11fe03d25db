using Microsoft.Data.Sqlite;

namespace Bot.Serve.Processing;

/// <summary>Failures of the bot's own evidence store, as opposed to failures of the work (GitHub, a bad payload).</summary>
public static class StorageFailure
{
    // SQLite primary result codes: BUSY, LOCKED, IOERR, FULL, CANTOPEN.
    private static readonly HashSet<int> Codes = [5, 6, 10, 13, 14];

    // Only SQLite's own errors count: it reports a full disk as SQLITE_FULL, never as an IOException, and an IOException
    // may as well come from a connection to GitHub, whose failures must use up attempts so that an outage ends in a
    // "could not evaluate" check run instead of retrying for ever.
    public static bool Is(Exception error) => error switch
    {
        SqliteException sqlite => Codes.Contains(sqlite.SqliteErrorCode & 0xff),
        AggregateException { InnerExceptions: var inner } => inner.Count > 0 && inner.All(Is),
        _ => false,
    };
}
