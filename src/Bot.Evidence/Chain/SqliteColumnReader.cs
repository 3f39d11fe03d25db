using System.Runtime.InteropServices;
using SQLitePCL;

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

    public bool IsNull(int column) => sqlite3_column_type(_handle, column) == raw.SQLITE_NULL;

    public long GetInt64(int column) => sqlite3_column_int64(_handle, column);

    /// <summary>Copies the value's bytes (text as its stored UTF-8) into <paramref name="destination"/>, growing it when needed.</summary>
    public int CopyBytes(int column, ref byte[] destination, int offset)
    {
        // sqlite3_column_bytes after sqlite3_column_blob, as SQLite's documentation asks; the pointer is null for empty values.
        var pointer = sqlite3_column_blob(_handle, column);
        var length = sqlite3_column_bytes(_handle, column);
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
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int sqlite3_column_type(IntPtr statement, int column);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern long sqlite3_column_int64(IntPtr statement, int column);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr sqlite3_column_blob(IntPtr statement, int column);

    [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int sqlite3_column_bytes(IntPtr statement, int column);
}
