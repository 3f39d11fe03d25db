namespace Bot.Evidence.Tests.Contract;

/// <summary>The providers every contract class runs against (<c>[TestFixtureSource]</c>): a provider adds its fixture here.</summary>
public static class StoreFixtures
{
    public static IEnumerable<TestFixtureData> All()
    {
        yield return new TestFixtureData(new SqliteStoreFixture()).SetArgDisplayNames("sqlite");
        yield return new TestFixtureData(new PostgresStoreFixture()).SetArgDisplayNames("postgres");
    }
}
