using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bot.Evidence.Chain;

/// <summary>
/// Steps through a chained table in seq order with SQLite's own statement API and copies each record's stored values into
/// <see cref="VerifyBatch"/>es, exactly as SQLite hands them out (text as its UTF-8 bytes, nothing re-encoded).
/// </summary>
internal sealed class ChainRowSource : IChainRowSource
{
    private const int FirstColumn = 3;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly SqliteColumnReader _values;
    private readonly ChainValueKind[] _kinds;
    private bool _done;

    public ChainRowSource(SqliteConnection connection, ChainedTable table)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, table.SelectAllSql, out _statement));
        _values = new SqliteColumnReader(_statement);
        _kinds = [.. table.Columns.Select(c => c.Kind)];
    }

    /// <summary>The error that ended reading early, thrown only after the records read before it were checked.</summary>
    public ExceptionDispatchInfo? Error { get; private set; }

    /// <summary>Fills <paramref name="batch"/> (cleared first) with the next records; false once the table is exhausted or failed.</summary>
    public bool Fill(VerifyBatch batch)
    {
        batch.Clear();
        using var mutex = SqliteColumnReader.HoldMutex(_db);
        while (!_done && !batch.IsFull)
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_ROW)
            {
                _done = true;
                if (rc != raw.SQLITE_DONE)
                {
                    Error = ExceptionDispatchInfo.Capture(new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc));
                }
                break;
            }
            Copy(batch);
        }
        return batch.Count > 0;
    }

    private void Copy(VerifyBatch batch)
    {
        var values = _values;
        var record = batch.AddRecord(values.GetInt64(0));
        batch.SetText(record, 0, values[1]);
        batch.SetText(record, 1, values[2]);
        for (var ordinal = 0; ordinal < _kinds.Length; ordinal++)
        {
            var value = values[FirstColumn + ordinal];
            // The type is asked first, before any read could convert the value.
            if (value.Type == raw.SQLITE_NULL)
            {
                batch.SetNull(record, ordinal + 2);
            }
            else if (_kinds[ordinal] == ChainValueKind.Text)
            {
                batch.SetText(record, ordinal + 2, value);
            }
            else
            {
                batch.SetInteger(record, ordinal + 2, value.Int64);
            }
        }
    }

    private void Check(int rc) => SqliteColumnReader.Check(_db, rc);

    public void Dispose()
    {
        _values.Dispose();
        _statement.Dispose();
    }
}
