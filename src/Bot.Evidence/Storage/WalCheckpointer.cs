using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Storage;

/// <summary>
/// Copies committed pages from the write-ahead log into the database file from a connection of its own. Left to
/// SQLite, the checkpoint runs inside whichever commit crosses the WAL size limit, so the writer (and every caller
/// waiting on its group) would wait for those page copies and the database file's fsync. A passive checkpoint takes no
/// lock the writer needs, so both proceed at once.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WalCheckpointer(SqliteDatabase database, TimeSpan interval)
    {
        _connection = database.Open();
        _loop = Task.Run(() => RunAsync(interval));
    }

    private async Task RunAsync(TimeSpan interval)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
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
