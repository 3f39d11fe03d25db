using Bot.LoadTest;

namespace Bot.Tests.LoadTool;

/// <summary>The load tool's engine with a short setting, so that it keeps working: the real <c>bot serve</c> against the
/// fake GitHub, 2,000 signed deliveries, and not one lost, duplicated or wrong outcome. Figures are printed, not asserted
/// (timing belongs in the report, not in a test).</summary>
public sealed class LoadToolTests
{
    [Test]
    public async Task A_short_run_loses_duplicates_and_falsifies_nothing()
    {
        var report = await LoadEngine.RunAsync(new LoadSettings { Deliveries = 2000, Rate = 2000, PullRequests = 50 }, TestContext.Progress);
        report.Print(TestContext.Out);

        Assert.That(report.Accepted, Is.EqualTo(2000));
        Assert.That(report.Outcomes.Problems, Is.Empty);
        Assert.That(report.Outcomes.Clean, Is.True);
        Assert.That(report.Evaluations, Is.GreaterThan(0));
        Assert.That(report.ServiceAck.Count, Is.EqualTo(report.Accepted), "every answer carries the service's own timing");
        Assert.That(report.Evaluation!.AcceptToProcessed.Count, Is.EqualTo(report.Accepted), "every delivery's wait is measured");
    }

    [Test]
    public async Task A_short_intake_only_run_keeps_every_acknowledged_delivery_pending()
    {
        var report = await LoadEngine.RunAsync(new LoadSettings { Deliveries = 2000, Rate = 2000, PullRequests = 50, IntakeOnly = true }, TestContext.Progress);
        report.Print(TestContext.Out);

        Assert.That(report.Accepted, Is.EqualTo(2000));
        Assert.That(report.Outcomes.Problems, Is.Empty);
        Assert.That(report.Outcomes.Clean, Is.True);
        Assert.That(report.Evaluations, Is.Zero);
        Assert.That(report.Evaluation, Is.Null, "no evaluation figures without workers");
    }
}
