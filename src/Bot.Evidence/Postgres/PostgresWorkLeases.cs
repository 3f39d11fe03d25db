using Bot.Evidence.Leases;
using Dapper;

namespace Bot.Evidence.Postgres;

/// <summary>The leases in PostgreSQL, shared by the replicas: one upsert decides who holds a lease (<see cref="WorkLeaseSql"/>).</summary>
internal sealed class PostgresWorkLeases(PostgresDatabase database, TimeProvider clock, string replicaId) : IWorkLeases
{
    public async Task<bool> TryAcquireAsync(string name, TimeSpan length, CancellationToken cancellationToken) =>
        (await database.RunAsync(c => c.QueryAsync<string>(new CommandDefinition(WorkLeaseSql.Acquire,
            WorkLeaseSql.AcquireParameters(name, replicaId, clock.GetUtcNow(), length), cancellationToken: cancellationToken)),
            cancellationToken)).Any();

    public Task ReleaseAsync(string name, CancellationToken cancellationToken) =>
        database.RunAsync(c => c.ExecuteAsync(new CommandDefinition(WorkLeaseSql.Release,
            WorkLeaseSql.ReleaseParameters(name, replicaId, clock.GetUtcNow()), cancellationToken: cancellationToken)), cancellationToken);
}
