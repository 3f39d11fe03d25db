using Bot.TestSupport.Postgres;
using Npgsql;

namespace Bot.Evidence.Tests.Postgres;

/// <summary>The test cluster is what the PostgreSQL fixtures rely on: reachable on 127.0.0.1 only, as a superuser, with a
/// database of the fixture's own.</summary>
public sealed class PostgresClusterTests : OnePostgresDatabase
{
    [Test]
    public async Task The_cluster_listens_on_the_loopback_only_and_the_fixture_is_a_superuser_in_a_fresh_database()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('listen_addresses'), current_setting('is_superuser'), (SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public')",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync());
        Assert.That(reader.GetString(0), Is.EqualTo("127.0.0.1"));
        Assert.That(reader.GetString(1), Is.EqualTo("on"));
        Assert.That(reader.GetInt64(2), Is.Zero);
    }
}
