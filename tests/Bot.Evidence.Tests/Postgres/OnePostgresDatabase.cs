using Bot.TestSupport.Postgres;

namespace Bot.Evidence.Tests.Postgres;

/// <summary>A test class whose tests share one fresh database of the run's PostgreSQL test cluster, dropped at the end.</summary>
public abstract class OnePostgresDatabase
{
    private PostgresCluster _cluster = null!;

    /// <summary>A superuser's connection string to the class's database.</summary>
    private protected string _connectionString = null!;

    [OneTimeSetUp]
    public void CreateDatabase()
    {
        _cluster = PostgresCluster.Acquire();
        _connectionString = _cluster.CreateDatabase();
    }

    [OneTimeTearDown]
    public void DropDatabase() => _cluster?.DropDatabase(_connectionString);
}
