using Bot.Evidence.Statistics;
using Bot.Evidence.Storage;

namespace Bot.Evidence.Health;

/// <summary>The SQLite file's health: the write probe goes through the one writer (so it waits where every write waits).</summary>
internal sealed class SqliteStoreHealth(GroupCommitWriter writer, SqliteDatabase database) : IStoreHealth
{
    public string Location => database.Path;

    public Task ProbeWriteAsync(CancellationToken cancellationToken) => writer.ExecuteAsync(_ => 0, cancellationToken, sync: false);

    public StoreStatistics ReadStatistics()
    {
        using var connection = database.Open();
        return StoreStatisticsQuery.Read(connection);
    }
}
