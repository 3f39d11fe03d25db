using Bot.LoadTest;

namespace Bot.Tests.LoadTool;

/// <summary>The load tool's outage mode with a short setting, so that it keeps working: the real <c>bot serve</c> is stopped,
/// GitHub records 40 deliveries it could not make, and at the next start the population becomes complete from GitHub's
/// record alone. The time is printed, not asserted.</summary>
public sealed class OutageRecoveryTests
{
    [Test]
    public async Task After_an_outage_the_missed_deliveries_alone_complete_the_population()
    {
        var report = await OutageRecovery.RunAsync(40, TestContext.Progress);
        report.Print(TestContext.Out);

        Assert.That(report.Problems, Is.Empty);
        Assert.That((report.OpenPullRequests, report.MergedPullRequests, report.Changes), Is.EqualTo((16, 4, 4L)));
        Assert.That(report.DeliveryFetchCalls, Is.EqualTo(40), "each missed delivery fetched once");
        Assert.That(report.DeliveryListCalls, Is.EqualTo(1), "40 deliveries are one page");
    }
}
