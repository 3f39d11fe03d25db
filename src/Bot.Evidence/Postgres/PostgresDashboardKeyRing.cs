using Bot.Evidence.Dashboard;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Postgres;

/// <summary>The dashboard's key ring in the store's <c>dashboard_keys</c> table (migration 12), shared by the replicas.
/// Data Protection reads it at start, when a key is due, and when a cookie names a key it does not have yet (one another
/// replica made), so a pooled connection per call is enough.</summary>
internal sealed class PostgresDashboardKeyRing(string connectionString, TimeProvider clock) : IDashboardKeyRing
{
    public IReadOnlyList<string> ReadAll()
    {
        using var database = new PostgresDatabase(connectionString);
        using var connection = database.Open();
        return [.. connection.Query<string>("SELECT xml FROM dashboard_keys ORDER BY created_at, name")];
    }

    public void Add(string name, string xml)
    {
        using var database = new PostgresDatabase(connectionString);
        using var connection = database.Open();
        connection.Execute("INSERT INTO dashboard_keys (name, xml, created_at) VALUES (@name, @xml, @createdAt) ON CONFLICT (name) DO NOTHING",
            new { name, xml, createdAt = EvidenceTime.ToText(clock.GetUtcNow()) });
    }
}
