using Bot.Evidence.CheckRuns;

namespace Bot.Evidence.Tests.Contract;

/// <summary>The check run last posted per (repository, head SHA), shared by every process of the store
/// (<see cref="ICheckRunCache"/>).</summary>
[TestFixtureSource(typeof(StoreFixtures), nameof(StoreFixtures.All))]
public sealed class CheckRunCacheContract(IStoreFixture fixture) : StoreContract(fixture)
{
    [Test]
    public async Task The_newest_run_per_head_is_kept_repositories_compared_without_case()
    {
        await using var store = Open();
        var first = new CheckRunEntry("acme/payments", "abc", 1, "in_progress", null, "Waiting", null, Start);
        var second = new CheckRunEntry("acme/payments", "abc", 2, "completed", "failure", "Failed", new string('f', 64), Start.AddMinutes(1));
        var other = new CheckRunEntry("acme/payments", "def", 3, "completed", "success", "Passed", null, Start);

        Assert.That(await store.CheckRuns.GetAsync("acme/payments", "abc"), Is.Null);
        await store.CheckRuns.SaveAsync(first);
        Assert.That(await store.CheckRuns.GetAsync("acme/payments", "abc"), Is.EqualTo(first));
        await store.CheckRuns.SaveAsync(second);
        await store.CheckRuns.SaveAsync(other);

        Assert.That(await store.CheckRuns.GetAsync("Acme/Payments", "abc"), Is.EqualTo(second));
        Assert.That(await store.CheckRuns.GetAsync("acme/payments", "def"), Is.EqualTo(other));
        Assert.That(await store.CheckRuns.GetAsync("acme/other", "abc"), Is.Null);
    }

    [Test]
    public async Task A_run_saved_by_one_process_is_found_by_another()
    {
        var entry = new CheckRunEntry("acme/payments", "abc", 7, "completed", "success", "Passed", new string('a', 64), Start);
        await using var replicaA = Open();
        await using var replicaB = Open();

        await replicaA.CheckRuns.SaveAsync(entry);

        Assert.That(await replicaB.CheckRuns.GetAsync("acme/payments", "abc"), Is.EqualTo(entry));
    }
}
