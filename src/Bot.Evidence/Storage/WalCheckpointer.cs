using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Storage;

/// <summary>
/// Keeps the write-ahead log checkpointed and bounded.
/// <para>Passive checkpoints run every interval from a connection of their own. Left to SQLite, the checkpoint runs
/// inside whichever commit crosses the WAL size limit, so the writer (and every caller waiting on its group) would wait
/// for those page copies and the database file's fsync; a passive checkpoint takes no lock the writer needs.</para>
/// <para>Under steady load some reader is nearly always inside a transaction, and SQLite only starts the log over from its
/// beginning when none is, so passive checkpoints alone let the WAL grow without bound (checkpoint starvation). Once it
/// passes <see cref="RestartAboveBytes"/>, the writer itself runs a RESTART checkpoint between two groups (see
/// <see cref="RestartIfDue"/>): it waits a moment for the readers of that instant, and the next commit starts the log over,
/// the writer's journal_size_limit trimming the file. From another connection that restart would have to win the write
/// lock from a writer that takes it back-to-back under load, and would mostly lose.</para>
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    public const long RestartAboveBytes = 64L * 1024 * 1024;

    // How long a restart waits for readers before the writer goes on (it tries again after its next group).
    private const int RestartWaitMilliseconds = 50;

    private readonly SqliteConnection _connection;
    private readonly string _walPath;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WalCheckpointer(SqliteDatabase database, TimeSpan interval)
    {
        _walPath = database.Path + "-wal";
        _connection = database.Open();
        _loop = DedicatedThread.Start("wal-checkpointer", () => Run(interval));
    }

    /// <summary>Called by the writer between groups, on its own connection: restarts the log once it is too large.</summary>
    public void RestartIfDue(SqliteConnection writer)
    {
        var wal = new FileInfo(_walPath);
        if (!wal.Exists || wal.Length <= RestartAboveBytes)
        {
            return;
        }
        try
        {
            writer.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {RestartWaitMilliseconds}; PRAGMA wal_checkpoint(RESTART);"));
        }
        catch (SqliteException)
        {
            // Readers still busy, or no space: the log stays as it is until the next try.
        }
        finally
        {
            writer.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {SqliteDatabase.BusyTimeoutMilliseconds}"));
        }
    }

    // A thread of its own: a checkpoint copies pages and syncs the database file, blocking all the while.
    private void Run(TimeSpan interval)
    {
        // WaitOne returns true once stopping is asked for, false after each interval.
        while (!_stop.Token.WaitHandle.WaitOne(interval))
        {
            try
            {
                _connection.Execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
            catch (SqliteException)
            {
                // Busy or out of space: the pages stay in the WAL, which readers and the next attempt still see.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
