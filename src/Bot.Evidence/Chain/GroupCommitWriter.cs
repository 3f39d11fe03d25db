using System.Threading.Channels;
using Bot.Evidence.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Chain;

/// <summary>
/// The one path that appends to chained tables. Callers on any thread queue records; a single loop takes everything
/// queued so far and writes it in one transaction (one fsync for the whole group), so the chain is never forked and
/// synchronous=FULL still reaches thousands of records a second.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    // Bounds one transaction's size (and the time a reader of the WAL waits for it), not throughput.
    private const int MaxRecordsPerCommit = 4096;

    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly SqliteConnection _connection;
    private readonly Dictionary<ChainedTable, ChainAppender> _appenders = [];
    private readonly ChainHasher _hasher;
    private readonly Task _loop;

    public GroupCommitWriter(SqliteDatabase database, ChainHasher hasher)
    {
        _hasher = hasher;
        _connection = database.Open();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues validated rows for <paramref name="table"/>; completes once they are committed, in order and contiguous.</summary>
    public Task<IReadOnlyList<AppendedRecord>> AppendAsync(ChainedTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(table, rows, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException("EvidenceStore", "The evidence store is closed.");
        }
        return pending.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var records = 0;
            while (records < MaxRecordsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                    continue;
                }
                batch.Add(pending);
                records += pending.Rows.Count;
            }
            if (batch.Count > 0)
            {
                WriteGroup(batch);
            }
        }
    }

    private void WriteGroup(List<PendingAppend> batch)
    {
        try
        {
            var results = Commit(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Something in the group failed: write each append alone so the failure reaches only its own caller.
            foreach (var pending in batch)
            {
                WriteGroup([pending]);
            }
        }
        catch (Exception error)
        {
            batch[0].Completion.TrySetException(error);
        }
    }

    private List<IReadOnlyList<AppendedRecord>> Commit(List<PendingAppend> batch)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        var heads = new Dictionary<ChainedTable, ChainHead>();
        var results = new List<IReadOnlyList<AppendedRecord>>(batch.Count);
        foreach (var pending in batch)
        {
            var appender = Appender(pending.Table);
            // The head is read under the write lock, so another process appending to the same file cannot fork the chain.
            if (!heads.TryGetValue(pending.Table, out var head))
            {
                head = appender.ReadHead(transaction);
            }
            var appended = new AppendedRecord[pending.Rows.Count];
            for (var i = 0; i < appended.Length; i++)
            {
                appended[i] = appender.Append(transaction, ref head, pending.Rows[i]);
            }
            heads[pending.Table] = head;
            results.Add(appended);
        }
        transaction.Commit();
        return results;
    }

    private ChainAppender Appender(ChainedTable table)
    {
        if (!_appenders.TryGetValue(table, out var appender))
        {
            appender = new ChainAppender(_connection, table, _hasher);
            _appenders.Add(table, appender);
        }
        return appender;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        foreach (var appender in _appenders.Values)
        {
            appender.Dispose();
        }
        await _connection.DisposeAsync();
    }

    private sealed class PendingAppend(ChainedTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        public ChainedTable Table { get; } = table;
        public IReadOnlyList<object?[]> Rows { get; } = rows;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public TaskCompletionSource<IReadOnlyList<AppendedRecord>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
