using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Chain;

/// <summary>
/// Appends records to one chained table inside the caller's transaction. Only the single writer
/// (<see cref="Storage.GroupCommitWriter"/>, or a bulk import holding the write lock) may use it: the head it reads
/// is only the head while nobody else writes.
/// </summary>
internal sealed class ChainAppender : IDisposable
{
    private readonly ChainedTable _table;
    private readonly ChainHasher _hasher;
    private readonly CanonicalJsonWriter _writer = new();
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _head;
    private byte[] _scratch = new byte[4096];

    public ChainAppender(SqliteConnection connection, ChainedTable table, ChainHasher hasher)
    {
        _table = table;
        _hasher = hasher;
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
        if (!reader.Read())
        {
            return new ChainHead(0, ChainHasher.Genesis.ToArray());
        }
        var seq = reader.GetInt64(0);
        var hex = reader.GetString(1);
        if (hex.Length != 2 * ChainHasher.HashSize)
        {
            throw new InvalidOperationException($"{_table.Name}: the head record (seq {seq}) has a malformed hash '{hex}'; run verify.");
        }
        return new ChainHead(seq, Convert.FromHexString(hex));
    }

    /// <summary>Inserts <paramref name="values"/> (already validated) as the record after <paramref name="head"/>, and advances it.</summary>
    public AppendedRecord Append(SqliteTransaction transaction, ref ChainHead head, object?[] values)
    {
        var seq = head.Seq + 1;
        var reader = new ObjectArrayValueReader(values, _scratch);
        ChainRecordEncoder.Encode(_writer, _table, seq, head.Hash, ref reader);
        _scratch = reader.Scratch;
        var hash = new byte[ChainHasher.HashSize];
        _hasher.Compute(_writer.WrittenSpan, hash);

        var hashHex = ChainHasher.ToHex(hash);
        var parameters = _insert.Parameters;
        parameters[0].Value = seq;
        parameters[1].Value = ChainHasher.ToHex(head.Hash);
        parameters[2].Value = hashHex;
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
        head = new ChainHead(seq, hash);
        return new AppendedRecord(seq, hashHex);
    }

    public void Dispose()
    {
        _insert.Dispose();
        _head.Dispose();
    }
}

internal readonly record struct ChainHead(long Seq, byte[] Hash);
