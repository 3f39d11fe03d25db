using System.Net;
using System.Net.Sockets;
using Bot.Evidence.Health;
using Bot.TestSupport.Postgres;
using Dapper;
using Npgsql;

namespace Bot.Evidence.Tests.Postgres;

/// <summary>Which PostgreSQL failures are the store being unavailable (a delivery waits without using up its attempts) and
/// which are the operation failing, as the postgres provider tells them, from failures a real server and client raise.</summary>
public sealed class PostgresStoreErrorsTests : OnePostgresDatabase
{
    private static IStoreErrors Errors(string connectionString = "") => EvidenceProviders.For(new EvidenceStoreOptions
    {
        Provider = EvidenceProviders.Postgres,
        ConnectionString = connectionString,
    }).Errors;

    [Test]
    public void A_server_that_cannot_be_reached_is_unavailable()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var unreachable = new NpgsqlConnectionStringBuilder(_connectionString) { Port = closedPort, Timeout = 2 }.ConnectionString;
        var provider = EvidenceProviders.For(new EvidenceStoreOptions { Provider = EvidenceProviders.Postgres, ConnectionString = unreachable });

        var error = Assert.Catch(() => provider.Open())!;

        Assert.That(provider.Errors.IsStoreError(error), Is.True, error.ToString());
        Assert.That(provider.Errors.IsUnavailable(error), Is.True, error.ToString());
    }

    [Test]
    public async Task A_connection_the_server_ends_is_unavailable()
    {
        await using var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using (var admin = new NpgsqlConnection(_connectionString + ";Pooling=false"))
        {
            await admin.ExecuteAsync("SELECT pg_terminate_backend(@pid)", new { pid = connection.ProcessID });
        }

        var error = Assert.CatchAsync(() => connection.ExecuteAsync("SELECT 1"))!;

        Assert.That(Errors().IsUnavailable(error), Is.True, error.ToString());
    }

    [Test]
    public async Task A_refused_statement_is_a_store_error_but_not_unavailable()
    {
        await using var connection = new NpgsqlConnection(_connectionString);

        var error = Assert.CatchAsync(() => connection.ExecuteAsync("SELECT 1 / 0"))!;

        Assert.That(Errors().IsStoreError(error), Is.True);
        Assert.That(Errors().IsUnavailable(error), Is.False);
        Assert.That(Errors().IsUnavailable(new HttpRequestException("502 Bad Gateway")), Is.False);
        Assert.That(Errors().IsStoreError(new IOException("The response ended prematurely")), Is.False, "a network read, not the store");
    }
}
