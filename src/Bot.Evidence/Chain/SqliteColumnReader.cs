using System.Runtime.InteropServices;
using SQLitePCL;

// The assembly's only P/Invokes are below: they load SQLite from the safe directories, never the working directory.
[assembly: DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]

namespace Bot.Evidence.Chain;

/// <summary>
/// Reads the current row of a prepared statement straight from the e_sqlite3 library that SQLitePCLRaw's bundle loads.
/// verify reads some 25 million values; through SQLitePCL's provider (interface dispatch, a SafeHandle reference and a GC
/// transition per call) reading them cost more than stepping the rows itself. The statement's
/// handle is held (AddRef) for this reader's lifetime, so it stays valid while the raw pointer is used. The calls skip the
/// GC transition: each only reads a value of the current row (an uncontended mutex at most, on a connection only this
/// thread uses), never blocks and never calls back.
/// </summary>
internal sealed class SqliteColumnReader : IDisposable
{
    private const string Library = "e_sqlite3";
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private bool _referenced;

    public SqliteColumnReader(sqlite3_stmt statement)
    {
        _statement = statement;
        statement.DangerousAddRef(ref _referenced);
        _handle = statement.DangerousGetHandle();
    }

    // Each sqlite3_column_* call takes and releases the connection's mutex; sqlite3_column_value takes it once and the
    // sqlite3_value_* calls on the value it returns take none, so a value costs one round trip however it is read.
    // (The value is "unprotected": fine here, as only this thread uses the statement, and only until the next step.)

    /// <summary>The current row's value of <paramref name="column"/>, valid until the next step.</summary>
    public Value this[int column] => new(sqlite3_column_value(_handle, column));

    public long GetInt64(int column) => this[column].Int64;

    /// <summary>Throws what SQLite says went wrong when <paramref name="rc"/> is not <c>SQLITE_OK</c>.</summary>
    public static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new Microsoft.Data.Sqlite.SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }

    /// <summary>One value of the current row.</summary>
    public readonly struct Value(IntPtr value)
    {
        /// <summary>Its SQLite type as stored (<c>SQLITE_INTEGER</c>, <c>SQLITE_TEXT</c>, <c>SQLITE_NULL</c> …).</summary>
        public int Type => sqlite3_value_type(value);

        public long Int64 => sqlite3_value_int64(value);

        /// <summary>Copies its bytes (text as its stored UTF-8) into <paramref name="destination"/> at <paramref name="offset"/>,
        /// growing it when needed; returns how many.</summary>
        public int CopyBytes(ref byte[] destination, int offset)
        {
            // sqlite3_value_bytes after sqlite3_value_blob, as SQLite's documentation asks; the pointer is null for empty values.
            var pointer = sqlite3_value_blob(value);
            var length = sqlite3_value_bytes(value);
            if (length == 0)
            {
                return 0;
            }
            if (offset + length > destination.Length)
            {
                Array.Resize(ref destination, Math.Max(offset + length, 2 * destination.Length));
            }
            Marshal.Copy(pointer, destination, offset, length);
            return length;
        }
    }

    /// <summary>
    /// Holds the connection's mutex until disposed. In SQLite's serialized mode every call on the connection takes and
    /// releases that (recursive) mutex; while this thread already holds it, each of those is a counter step instead of two
    /// atomic operations, which over a batch of rows and twenty-odd values a row is a good part of the reading time.
    /// Only the thread that owns the connection may hold it, and only while it steps and reads (never while it waits).
    /// </summary>
    public static ConnectionMutex HoldMutex(sqlite3 db) => new(sqlite3_db_mutex(db.DangerousGetHandle()));

    public readonly struct ConnectionMutex : IDisposable
    {
        private readonly IntPtr _mutex;

        internal ConnectionMutex(IntPtr mutex)
        {
            _mutex = mutex;
            // A connection opened without a mutex has none to hold; sqlite3_mutex_enter(NULL) would be a no-op as well.
            if (_mutex != IntPtr.Zero)
            {
                sqlite3_mutex_enter(_mutex);
            }
        }

        public void Dispose()
        {
            if (_mutex != IntPtr.Zero)
            {
                sqlite3_mutex_leave(_mutex);
            }
        }
    }

    public void Dispose()
    {
        if (_referenced)
        {
            _referenced = false;
            _statement.DangerousRelease();
        }
    }

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    private static extern IntPtr sqlite3_column_value(IntPtr statement, int column);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    private static extern int sqlite3_value_type(IntPtr value);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    private static extern long sqlite3_value_int64(IntPtr value);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    private static extern IntPtr sqlite3_value_blob(IntPtr value);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    private static extern int sqlite3_value_bytes(IntPtr value);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_db_mutex(IntPtr db);

    // Without SuppressGCTransition: entering may wait.
    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern void sqlite3_mutex_enter(IntPtr mutex);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern void sqlite3_mutex_leave(IntPtr mutex);
}
