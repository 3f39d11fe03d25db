using System.Data;
using Bot.Evidence.Chain;
using Bot.Evidence.Export;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>The export query's rows as the server streams them, copied into <see cref="RecordBatch"/>es: text as its UTF-8
/// (PostgreSQL keeps only valid UTF-8, so that is the bytes stored), bigints as integers.</summary>
internal sealed class PostgresExportRowSource : IExportRowSource
{
    private readonly NpgsqlCommand _command;
    private readonly NpgsqlDataReader _reader;
    private readonly bool[] _integer;
    private bool _done;

    public PostgresExportRowSource(NpgsqlCommand command)
    {
        _command = command;
        try
        {
            _reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
        }
        catch
        {
            command.Dispose();
            throw;
        }
        Columns = _reader.FieldCount;
        _integer = [.. Enumerable.Range(0, Columns).Select(i => _reader.GetFieldType(i) == typeof(long))];
    }

    public int Columns { get; }

    public bool Fill(RecordBatch batch, IReadOnlySet<long>? selected)
    {
        batch.Clear();
        for (var read = 0; read < RecordBatch.Capacity && !batch.IsFull; read++)
        {
            if (!_reader.Read())
            {
                _done = true;
                break;
            }
            // Sequential access: columns in order, each once; seq is column 0.
            var seq = _reader.GetInt64(0);
            if (selected is null || selected.Contains(seq))
            {
                var record = batch.AddRecord(seq);
                batch.SetInteger(record, 0, seq);
                for (var column = 1; column < Columns; column++)
                {
                    Copy(batch, record, column);
                }
            }
        }
        return !_done;
    }

    private void Copy(RecordBatch batch, int record, int column)
    {
        if (_reader.IsDBNull(column))
        {
            batch.SetNull(record, column);
        }
        else if (_integer[column])
        {
            batch.SetInteger(record, column, _reader.GetInt64(column));
        }
        else
        {
            batch.SetText(record, column, _reader.GetString(column));
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
    }
}
