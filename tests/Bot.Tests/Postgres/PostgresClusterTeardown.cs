using Bot.TestSupport.Postgres;

namespace Bot.Tests.Postgres;

/// <summary>Stops the PostgreSQL cluster this namespace's tests shared, once they are done.</summary>
[SetUpFixture]
public sealed class PostgresClusterTeardown
{
    [OneTimeTearDown]
    public void StopCluster() => PostgresCluster.StopShared();
}
