using Bot.Evidence.Chain;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Bot.Evidence.Postgres;

/// <summary>
/// Appends records to the chained tables of a PostgreSQL store, serialised IN THE DATABASE: each append is one transaction
/// that first takes the chain's transaction-scoped advisory lock, then reads the head, links the records with the shared
/// <see cref="ChainLinker"/> (so a record hashes the same as in SQLite) and inserts them. Two processes (replicas, two
/// pools) appending to one chain queue on that lock instead of forking it; were the lock ever bypassed, the primary key
/// on seq would still refuse a second record at the same place.
/// </summary>
internal sealed class PostgresChainWriter(PostgresDatabase database, ChainHasher hasher)
{
    /// <summary>Appends <paramref name="rows"/> (already validated) as consecutive records of <paramref name="table"/>.</summary>
    public async Task<IReadOnlyList<AppendedRecord>> AppendAsync(ChainedTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        (await AppendAsync(table, rows, precondition: null, cancellationToken))!;

    /// <summary>As <see cref="AppendAsync(ChainedTable, IReadOnlyList{object?[]}, CancellationToken)"/>, when
    /// <paramref name="precondition"/> (run under the chain's lock, in the appending transaction) allows it; null when it does not.</summary>
    public Task<IReadOnlyList<AppendedRecord>?> AppendAsync(ChainedTable table, IReadOnlyList<object?[]> rows,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>>? precondition, CancellationToken cancellationToken) =>
        AppendChosenAsync(table, async (connection, transaction) =>
            precondition is null || await precondition(connection, transaction) ? rows : null, cancellationToken);

    /// <summary>Appends the rows <paramref name="choose"/> picks under the chain's lock, in the appending transaction (so what
    /// it reads cannot change before they are in); null (nothing appended) when it picks none.</summary>
    public Task<IReadOnlyList<AppendedRecord>?> AppendChosenAsync(ChainedTable table,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<IReadOnlyList<object?[]>?>> choose, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await LockAsync(connection, transaction, table, cancellationToken);
            if (await choose(connection, transaction) is not { } rows)
            {
                return null;
            }
            var head = await ReadHeadAsync(connection, transaction, table, cancellationToken);
            return (IReadOnlyList<AppendedRecord>?)await InsertAsync(connection, transaction, table, head, rows, cancellationToken);
        }, cancellationToken);

    /// <summary>The chain's lock, held until the transaction ends; the key is derived from the table's name.</summary>
    public static Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ChainedTable table, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@name, 0))",
            new { name = "bot-evidence-chain:" + table.Name }, transaction, cancellationToken: cancellationToken));

    public static async Task<ChainHead> ReadHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ChainedTable table,
        CancellationToken cancellationToken)
    {
        var head = await connection.QuerySingleOrDefaultAsync<(long Seq, string Hash)?>(new CommandDefinition(
            table.HeadSql, transaction: transaction, cancellationToken: cancellationToken));
        return head is { } h ? ChainHead.FromStored(table.Name, h.Seq, h.Hash) : ChainHead.Empty;
    }

    private async Task<AppendedRecord[]> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ChainedTable table,
        ChainHead head, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var linker = new ChainLinker(table, hasher);
        var appended = new AppendedRecord[rows.Count];
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < rows.Count; i++)
        {
            var link = linker.Next(head, rows[i]);
            batch.BatchCommands.Add(InsertCommand(table, link.Seq, link.PrevHashHex, link.HashHex, rows[i]));
            head = link.Head;
            appended[i] = new AppendedRecord(link.Seq, link.HashHex);
        }
        if (appended.Length > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        return appended;
    }

    /// <summary>One INSERT of a record as stored: booleans as 0/1 (bigint), as in SQLite.</summary>
    public static NpgsqlBatchCommand InsertCommand(ChainedTable table, long seq, string prevHash, string hash, object?[] values)
    {
        var command = new NpgsqlBatchCommand(PostgresSql.Insert(table));
        command.Parameters.Add(new NpgsqlParameter<long>("seq", NpgsqlDbType.Bigint) { TypedValue = seq });
        command.Parameters.Add(new NpgsqlParameter<string>("prev_hash", NpgsqlDbType.Text) { TypedValue = prevHash });
        command.Parameters.Add(new NpgsqlParameter<string>("hash", NpgsqlDbType.Text) { TypedValue = hash });
        for (var i = 0; i < values.Length; i++)
        {
            var column = table.Columns[i];
            command.Parameters.Add(new NpgsqlParameter(column.Name, column.Kind == ChainValueKind.Text ? NpgsqlDbType.Text : NpgsqlDbType.Bigint)
            {
                Value = values[i] switch
                {
                    null => DBNull.Value,
                    bool b => b ? 1L : 0L,
                    var v => v,
                },
            });
        }
        return command;
    }
}
