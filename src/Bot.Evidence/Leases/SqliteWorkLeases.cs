using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Leases;

/// <summary>The leases in the SQLite file: one process per file, so its replica always gets them; kept in the same table as
/// on PostgreSQL so that the passes run the same way on both. Unsynced bookkeeping, like claims.</summary>
internal sealed class SqliteWorkLeases(GroupCommitWriter writer, TimeProvider clock, string replicaId) : IWorkLeases
{
    public async Task<bool> TryAcquireAsync(string name, TimeSpan length, CancellationToken cancellationToken) =>
        (await writer.ExecuteAsync(scope => scope.Connection.Query<string>(new CommandDefinition(WorkLeaseSql.Acquire,
            WorkLeaseSql.AcquireParameters(name, replicaId, clock.GetUtcNow(), length), scope.Transaction)).AsList(),
            cancellationToken, sync: false)).Count == 1;

    public Task ReleaseAsync(string name, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(scope => scope.Connection.Execute(new CommandDefinition(WorkLeaseSql.Release,
            WorkLeaseSql.ReleaseParameters(name, replicaId, clock.GetUtcNow()), scope.Transaction)), cancellationToken, sync: false);
}
