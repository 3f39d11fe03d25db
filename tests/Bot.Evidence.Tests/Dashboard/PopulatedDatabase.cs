using Bot.Evidence.Tests.Export;

namespace Bot.Evidence.Tests.Dashboard;

/// <summary>Each test gets a file holding the export tests' population (<see cref="ExportPopulation"/>).</summary>
public abstract class PopulatedDatabase
{
    private protected TestDatabase Db { get; private set; } = null!;

    [SetUp]
    public async Task BuildPopulation()
    {
        Db = new TestDatabase();
        await ExportPopulation.BuildAsync(Db);
    }

    [TearDown]
    public void RemoveDatabase() => Db.Dispose();
}
