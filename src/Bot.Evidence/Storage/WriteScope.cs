using Bot.Evidence.Chain;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Storage;

/// <summary>What an operation of the <see cref="GroupCommitWriter"/> writes with: the writer's connection and the group's
/// open transaction, and the chains, whose heads are carried from one append of the group to the next.</summary>
internal sealed class WriteScope(
    SqliteConnection connection, SqliteTransaction transaction, Func<ChainedTable, ChainAppender> appenders, Func<string, SqliteCommand> commands)
{
    private readonly Dictionary<ChainedTable, ChainHead> _heads = [];

    public SqliteConnection Connection { get; } = connection;
    public SqliteTransaction Transaction { get; } = transaction;

    /// <summary>Runs <paramref name="sql"/> with named parameters (<c>$name</c>) through a command the writer keeps, so the
    /// statements of the hot path (inbox inserts and state changes) are compiled once, not on every call.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var reader = Run(sql, parameters);
        while (reader.NextResult())
        {
        }
        return reader.RecordsAffected;
    }

    /// <inheritdoc cref="Execute"/>
    public SqliteDataReader Query(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => Run(sql, parameters);

    private SqliteDataReader Run(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = commands(sql);
        command.Transaction = Transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command.ExecuteReader();
    }

    public IReadOnlyList<AppendedRecord> Append(ChainedTable table, IReadOnlyList<object?[]> rows)
    {
        var appender = appenders(table);
        if (!_heads.TryGetValue(table, out var head))
        {
            head = appender.ReadHead(Transaction);
        }
        var appended = new AppendedRecord[rows.Count];
        for (var i = 0; i < appended.Length; i++)
        {
            appended[i] = appender.Append(Transaction, ref head, rows[i]);
        }
        _heads[table] = head;
        return appended;
    }
}
