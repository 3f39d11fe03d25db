using System.Data;
using System.Runtime.ExceptionServices;
using Bot.Evidence.Chain;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>Reads a chained table of a PostgreSQL store in seq order for verify (<see cref="ChainWalk"/>), streaming rows as
/// the server sends them. Text arrives as strings; their UTF-8 is the stored bytes (PostgreSQL keeps only valid UTF-8).</summary>
internal sealed class PostgresChainRowSource : IChainRowSource
{
    private readonly NpgsqlCommand _command;
    private readonly NpgsqlDataReader _reader;
    private readonly ChainValueKind[] _kinds;
    private bool _done;

    /// <param name="transaction">The snapshot to read in (verify reads every chain in one).</param>
    public PostgresChainRowSource(NpgsqlConnection connection, NpgsqlTransaction? transaction, ChainedTable table)
    {
        _kinds = [.. table.Columns.Select(c => c.Kind)];
        _command = new NpgsqlCommand(table.SelectAllSql, connection, transaction);
        _reader = _command.ExecuteReader(CommandBehavior.SequentialAccess);
    }

    public ExceptionDispatchInfo? Error { get; private set; }

    public bool Fill(VerifyBatch batch)
    {
        batch.Clear();
        try
        {
            while (!_done && !batch.IsFull)
            {
                if (!_reader.Read())
                {
                    _done = true;
                    break;
                }
                Copy(batch);
            }
        }
        catch (NpgsqlException e)
        {
            _done = true;
            Error = ExceptionDispatchInfo.Capture(e);
        }
        return batch.Count > 0;
    }

    private void Copy(VerifyBatch batch)
    {
        // Sequential access: columns in order, each once.
        var record = batch.AddRecord(_reader.GetInt64(0));
        batch.SetText(record, 0, _reader.GetString(1));
        batch.SetText(record, 1, _reader.GetString(2));
        for (var ordinal = 0; ordinal < _kinds.Length; ordinal++)
        {
            var column = ordinal + 3;
            if (_reader.IsDBNull(column))
            {
                batch.SetNull(record, ordinal + 2);
            }
            else if (_kinds[ordinal] == ChainValueKind.Text)
            {
                batch.SetText(record, ordinal + 2, _reader.GetString(column));
            }
            else
            {
                batch.SetInteger(record, ordinal + 2, _reader.GetInt64(column));
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
    }
}
