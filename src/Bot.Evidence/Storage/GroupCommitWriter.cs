using System.Collections.Concurrent;
using Bot.Evidence.Chain;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Storage;

/// <summary>
/// The one writer of the evidence file in this process. Every write (chain appends, inbox inserts and state changes,
/// the check-run cache) is queued here; a single loop takes everything queued so far and runs it in one transaction,
/// one fsync for the whole group. So the chains are never forked, writers never wait on each other's locks (SQLite
/// has one write lock per file, and waiting for it backs off in sleeps of up to 100 ms), and synchronous=FULL still
/// reaches thousands of durable writes a second.
/// <para>Not every write needs its own fsync. A write queued with <c>sync: false</c> (the bot's bookkeeping: claims,
/// state marks, the check-run cache) is committed without one when nothing in its group needs it: a killed process
/// loses none of it (it is in the operating system), and after a power loss the last moments of it are redone, because
/// the deliveries behind them are durable and come back as unfinished. The write-ahead log is sequential, so the next
/// synced commit (an inbox insert, an evidence record) makes every earlier one durable too.</para>
/// <para>The loop runs on a thread of its own, not the thread pool: it blocks in SQLite and in fsync, and the pool has
/// about one thread per core. On a 2-core machine a pool thread held by the writer (and one by the checkpointer) left
/// webhook requests queued for a free thread for 100 ms and more while the CPU was idle.</para>
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    // Bounds one transaction's size (and so the time a waiting caller or a WAL reader waits for it), not throughput.
    private const int MaxWeightPerCommit = 4096;

    // Blocking, so the writer thread sleeps and wakes without a thread-pool hop.
    private readonly BlockingCollection<WriteOperation> _queue = new(new ConcurrentQueue<WriteOperation>());
    private readonly SqliteConnection _connection;
    private readonly Dictionary<ChainedTable, ChainAppender> _appenders = [];
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly ChainHasher _hasher;
    private readonly WalCheckpointer _checkpointer;
    private readonly Task _loop;
    private bool _synchronousFull = true;
    private long _syncedCommits;
    private long _unsyncedCommits;

    public GroupCommitWriter(SqliteDatabase database, ChainHasher hasher)
    {
        _hasher = hasher;
        _connection = database.Open();
        // Checkpoints are the checkpointer's job (see WalCheckpointer), not something a commit waits for.
        _connection.Execute($"PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {WalCheckpointer.RestartAboveBytes}");
        _checkpointer = new WalCheckpointer(database, TimeSpan.FromMilliseconds(200));
        _loop = DedicatedThread.Start("evidence-writer", Run);
    }

    /// <summary>Queues <paramref name="work"/>; it runs on the writer's connection inside a group transaction and the
    /// task completes once that transaction is committed. A failure (or a throw from <paramref name="work"/>) reaches only
    /// this caller: the group is rolled back and its operations are run again one by one. <paramref name="work"/> must
    /// therefore only write through the scope and may run more than once. An operation cancelled before it runs is skipped.
    /// <paramref name="sync"/> false: the caller may go on before the commit reaches the disk (see the class remarks).</summary>
    public Task<T> ExecuteAsync<T>(Func<WriteScope, T> work, CancellationToken cancellationToken, int weight = 1, bool sync = true)
    {
        var operation = new WriteOperation<T>(work, weight, sync, cancellationToken);
        try
        {
            _queue.Add(operation, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Adding was completed (or the queue disposed) by DisposeAsync.
            throw new ObjectDisposedException("EvidenceStore", "The evidence store is closed.");
        }
        return operation.Completion.Task;
    }

    /// <summary>Commits so far with and without an fsync of their own (for tests and diagnostics).</summary>
    public (long Synced, long Unsynced) Commits => (Volatile.Read(ref _syncedCommits), Volatile.Read(ref _unsyncedCommits));

    /// <summary>Queues validated rows for <paramref name="table"/>; completes once they are committed, in order and contiguous.</summary>
    public async Task<IReadOnlyList<AppendedRecord>> AppendAsync(ChainedTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        // The evidence write of a trace: from queueing to the group's commit on disk.
        using var activity = EvidenceTelemetry.Source.StartActivity("evidence append");
        activity?.SetTag("evidence.chain", table.Name);
        activity?.SetTag("evidence.records", rows.Count);
        var appended = await ExecuteAsync(scope => scope.Append(table, rows), cancellationToken, rows.Count);
        activity?.SetTag("evidence.seq", appended.Count > 0 ? appended[^1].Seq : null);
        return appended;
    }

    private void Run()
    {
        var batch = new List<WriteOperation>();
        // Take blocks until something is queued and ends once the queue is completed (at dispose) and empty.
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            var weight = 0;
            var operation = first;
            while (true)
            {
                if (!operation.CancelIfRequested())
                {
                    batch.Add(operation);
                    weight += operation.Weight;
                }
                if (weight >= MaxWeightPerCommit || !_queue.TryTake(out operation))
                {
                    break;
                }
            }
            if (batch.Count > 0)
            {
                WriteGroup(batch);
                _checkpointer.RestartIfDue(_connection);
            }
        }
    }

    private void WriteGroup(List<WriteOperation> batch)
    {
        try
        {
            Commit(batch);
            foreach (var operation in batch)
            {
                operation.Complete();
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Something in the group failed: write each operation alone so the failure reaches only its own caller.
            foreach (var operation in batch)
            {
                WriteGroup([operation]);
            }
        }
        catch (Exception error)
        {
            batch[0].Fail(error);
        }
    }

    private void Commit(List<WriteOperation> batch)
    {
        UseSynchronousFull(batch.Exists(operation => operation.Sync && !operation.IsCancellationRequested));
        // IMMEDIATE: the write lock is taken first, so the chain heads read in the scope are the heads (another process
        // appending to the same file cannot fork a chain).
        using var transaction = _connection.BeginTransaction(deferred: false);
        var scope = new WriteScope(_connection, transaction, Appender, Command);
        foreach (var operation in batch)
        {
            // Waiting for the lock may have outlasted a caller's patience (an intake answers 503 instead): skip its work.
            if (!operation.IsCancellationRequested)
            {
                operation.Run(scope);
            }
        }
        transaction.Commit();
        if (_synchronousFull) Volatile.Write(ref _syncedCommits, _syncedCommits + 1);
        else Volatile.Write(ref _unsyncedCommits, _unsyncedCommits + 1);
    }

    /// <summary>In WAL mode FULL syncs the log at every commit and NORMAL at checkpoints only; set between transactions.</summary>
    private void UseSynchronousFull(bool full)
    {
        if (full != _synchronousFull)
        {
            _connection.Execute(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            _synchronousFull = full;
        }
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

    private SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.CompleteAdding();
        await _loop;
        _queue.Dispose();
        await _checkpointer.DisposeAsync();
        foreach (var appender in _appenders.Values)
        {
            appender.Dispose();
        }
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
        await _connection.DisposeAsync();
    }

    private abstract class WriteOperation(int weight, bool sync, CancellationToken cancellationToken)
    {
        public int Weight { get; } = weight;
        public bool Sync { get; } = sync;
        public bool IsCancellationRequested => cancellationToken.IsCancellationRequested;
        public abstract void Run(WriteScope scope);
        public abstract void Complete();
        public abstract void Fail(Exception error);
        public abstract bool CancelIfRequested();
        protected CancellationToken CancellationToken => cancellationToken;
    }

    private sealed class WriteOperation<T>(Func<WriteScope, T> work, int weight, bool sync, CancellationToken cancellationToken)
        : WriteOperation(weight, sync, cancellationToken)
    {
        private T? _result;
        private bool _ran;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(WriteScope scope)
        {
            _result = work(scope);
            _ran = true;
        }

        /// <summary>After the commit: the result of the run that was committed, or cancelled when the work was skipped.</summary>
        public override void Complete()
        {
            if (_ran)
            {
                Completion.TrySetResult(_result!);
            }
            else
            {
                Completion.TrySetCanceled(CancellationToken);
            }
        }

        public override void Fail(Exception error) => Completion.TrySetException(error);

        public override bool CancelIfRequested() => IsCancellationRequested && Completion.TrySetCanceled(CancellationToken);
    }
}
