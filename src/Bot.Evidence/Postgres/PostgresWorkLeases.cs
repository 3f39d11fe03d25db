using Bot.Evidence.Leases;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Postgres;

/// <summary>The leases in PostgreSQL, shared by the replicas: one upsert decides who holds a lease (<see cref="WorkLeaseSql"/>).</summary>
internal sealed class PostgresWorkLeases(PostgresDatabase database, TimeProvider clock, string replicaId) : IWorkLeases
{
    public async Task<bool> TryAcquireAsync(string name, TimeSpan length, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var taken = await database.RunAsync(c => c.QueryAsync<string>(new CommandDefinition(WorkLeaseSql.Acquire,
            new { name, holder = replicaId, now = EvidenceTime.ToText(now), expires = EvidenceTime.ToText(now + length) },
            cancellationToken: cancellationToken)), cancellationToken);
        return taken.Any();
    }

    public Task ReleaseAsync(string name, CancellationToken cancellationToken) =>
        database.RunAsync(c => c.ExecuteAsync(new CommandDefinition(WorkLeaseSql.Release,
            new { name, holder = replicaId, now = EvidenceTime.ToText(clock.GetUtcNow()) }, cancellationToken: cancellationToken)), cancellationToken);
}
