using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Chain;

/// <summary>
/// Appends records to one chained table of the SQLite file inside the caller's transaction: reads the head and inserts the
/// row; the link itself (canonical JSON, hash) is <see cref="ChainLinker"/>'s, shared by every provider. Only the single writer
/// (<see cref="Storage.GroupCommitWriter"/>, or a bulk import holding the write lock) may use it: the head it reads
/// is only the head while nobody else writes.
/// </summary>
internal sealed class ChainAppender : IDisposable
{
    private readonly ChainedTable _table;
    private readonly ChainLinker _linker;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _head;

    public ChainAppender(SqliteConnection connection, ChainedTable table, ChainHasher hasher)
    {
        _table = table;
        _linker = new ChainLinker(table, hasher);
        _head = connection.CreateCommand();
        _head.CommandText = table.HeadSql;
        _insert = connection.CreateCommand();
        _insert.CommandText = table.InsertSql;
        _insert.Parameters.Add("$seq", SqliteType.Integer);
        _insert.Parameters.Add("$prev_hash", SqliteType.Text);
        _insert.Parameters.Add("$hash", SqliteType.Text);
        foreach (var column in table.Columns)
        {
            _insert.Parameters.Add("$" + column.Name, column.Kind == ChainValueKind.Text ? SqliteType.Text : SqliteType.Integer);
        }
    }

    public ChainHead ReadHead(SqliteTransaction transaction)
    {
        _head.Transaction = transaction;
        using var reader = _head.ExecuteReader();
        return reader.Read() ? ChainHead.FromStored(_table.Name, reader.GetInt64(0), reader.GetString(1)) : ChainHead.Empty;
    }

    /// <summary>Inserts <paramref name="values"/> (already validated) as the record after <paramref name="head"/>, and advances it.</summary>
    public AppendedRecord Append(SqliteTransaction transaction, ref ChainHead head, object?[] values)
    {
        var link = _linker.Next(head, values);
        var parameters = _insert.Parameters;
        parameters[0].Value = link.Seq;
        parameters[1].Value = link.PrevHashHex;
        parameters[2].Value = link.HashHex;
        for (var i = 0; i < values.Length; i++)
        {
            parameters[3 + i].Value = values[i] switch
            {
                null => DBNull.Value,
                bool b => b ? 1L : 0L,
                var v => v,
            };
        }
        _insert.Transaction = transaction;
        _insert.ExecuteNonQuery();
        head = link.Head;
        return new AppendedRecord(link.Seq, link.HashHex);
    }

    public void Dispose()
    {
        _insert.Dispose();
        _head.Dispose();
    }
}
