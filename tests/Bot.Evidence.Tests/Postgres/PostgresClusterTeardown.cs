using Bot.TestSupport.Postgres;

// Outside any namespace: the assembly's own set-up fixture, so the run's cluster is stopped once every test is done.

/// <summary>Stops the PostgreSQL cluster the run's fixtures shared (if any started one) after the last test.</summary>
[SetUpFixture]
#pragma warning disable CA1050 // NUnit runs a [SetUpFixture] outside any namespace for the whole assembly.
public sealed class PostgresClusterTeardown
#pragma warning restore CA1050
{
    [OneTimeTearDown]
    public void StopCluster() => PostgresCluster.StopShared();
}
