namespace Bot.Evidence.Tests.Contract;

/// <summary>
/// The base of every contract class: a fresh store of the fixture's provider for each test. The tests use only the
/// seams (<see cref="IEvidenceProvider"/>, <see cref="IEvidenceStore"/>), so they say what every provider must do.
/// </summary>
public abstract class StoreContract(IStoreFixture fixture)
{
    protected static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected IContractStore Store { get; private set; } = null!;

    protected ManualClock Clock { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartProvider() => fixture.Start();

    [OneTimeTearDown]
    public void StopProvider() => fixture.Dispose();

    [SetUp]
    public void NewStore()
    {
        Clock = new ManualClock(Start);
        Store = fixture.NewStore();
    }

    [TearDown]
    public void RemoveStore() => Store.Dispose();

    /// <summary>Opens the store as the service does (one process's view of it; open it twice for two replicas).</summary>
    protected IEvidenceStore Open(byte[]? hmacKey = null) => Store.Provider(hmacKey, Clock).Open();
}
