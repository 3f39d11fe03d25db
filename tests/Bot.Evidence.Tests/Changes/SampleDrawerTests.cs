using Bot.Evidence.Export;

namespace Bot.Evidence.Tests.Changes;

/// <summary>The sampling algorithm is a contract (docs/export.md): the expected draws below come from an
/// independent re-implementation of the documented steps (Python's hashlib), not from this code.</summary>
public sealed class SampleDrawerTests
{
    [TestCase(10, 3, "audit-2025", new[] { 1, 9, 7 })]
    [TestCase(1_000_000, 5, "SOC2 FY2025", new[] { 811534, 513281, 292019, 285044, 175316 })]
    [TestCase(7, 7, "x", new[] { 0, 3, 6, 2, 1, 5, 4 })]
    public void Draws_what_the_documented_algorithm_draws(int population, int count, string seed, int[] expected) =>
        Assert.That(SampleDrawer.Draw(population, count, seed), Is.EqualTo(expected));

    [Test]
    public void A_sample_larger_than_the_population_is_the_whole_population_once()
    {
        var drawn = SampleDrawer.Draw(5, 50, "s");
        Assert.That(drawn, Is.EquivalentTo(new[] { 0, 1, 2, 3, 4 }));
    }

    [Test]
    public void Every_member_is_drawn_about_equally_often()
    {
        // 3,000 draws of 1 from 3: each index expected 1,000 times; a biased draw would be far off.
        var counts = new int[3];
        for (var i = 0; i < 3000; i++)
            counts[SampleDrawer.Draw(3, 1, "seed-" + i)[0]]++;
        Assert.That(counts, Is.All.InRange(880, 1120));
    }

    [Test]
    public void Empty_population_draws_nothing() => Assert.That(SampleDrawer.Draw(0, 3, "s"), Is.Empty);
}
