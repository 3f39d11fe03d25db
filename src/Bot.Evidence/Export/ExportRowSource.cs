using Bot.Evidence.Chain;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bot.Evidence.Export;

/// <summary>
/// Steps the export query with SQLite's own statement API and copies each row's values, as stored, into
/// <see cref="RecordBatch"/>es (slot n: column n), so that the rows are formatted on another thread while this one steps on.
/// </summary>
internal sealed class ExportRowSource : IExportRowSource
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly SqliteColumnReader _values;
    private bool _done;

    public ExportRowSource(SqliteConnection connection, string sql, IEnumerable<SqliteParameter> parameters)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        try
        {
            foreach (var parameter in parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(_statement, parameter.ParameterName);
                if (index == 0)
                {
                    throw new ArgumentException($"The export query has no parameter {parameter.ParameterName}.", nameof(parameters));
                }
                Check(raw.sqlite3_bind_text(_statement, index, (string)parameter.Value!));
            }
            Columns = raw.sqlite3_column_count(_statement);
            _values = new SqliteColumnReader(_statement);
        }
        catch
        {
            _statement.Dispose();
            throw;
        }
    }

    public int Columns { get; }

    public bool Fill(RecordBatch batch, IReadOnlySet<long>? selected)
    {
        batch.Clear();
        using var mutex = SqliteColumnReader.HoldMutex(_db);
        for (var stepped = 0; stepped < RecordBatch.Capacity && !batch.IsFull; stepped++)
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_ROW)
            {
                _done = true;
                Check(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
                break;
            }
            var seq = _values.GetInt64(0);
            if (selected is null || selected.Contains(seq))
            {
                Copy(batch, batch.AddRecord(seq));
            }
        }
        return !_done;
    }

    private void Copy(RecordBatch batch, int record)
    {
        for (var column = 0; column < Columns; column++)
        {
            var value = _values[column];
            switch (value.Type)
            {
                case raw.SQLITE_NULL:
                    batch.SetNull(record, column);
                    break;
                case raw.SQLITE_INTEGER:
                    batch.SetInteger(record, column, value.Int64);
                    break;
                default:
                    batch.SetText(record, column, value);
                    break;
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
