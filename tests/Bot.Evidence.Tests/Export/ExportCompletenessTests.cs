using Bot.Evidence.Deliveries;
using Bot.Evidence.Export;

namespace Bot.Evidence.Tests.Export;

/// <summary>One completeness verdict over what the deliveries pass and the population reconciliation say (policy.md §8): a
/// window whose deliveries GitHub no longer kept is made good only by branch reconciliation that read every exported
/// repository's history across it (across the part of it in the period).</summary>
public sealed class ExportCompletenessTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryRetentionGap Window = new(T0.AddDays(2), T0.AddDays(5), T0.AddDays(5));
    private static readonly DateTimeOffset PeriodStart = T0.AddDays(1);
    private static readonly DateTimeOffset PeriodEnd = T0.AddDays(6);

    private static ExportCompleteness Completeness(params ReconciledRepository[] reconciliation) =>
        new ExportCompleteness(1, 0, 1, 1, [], []) { UnrecoverableDeliveries = [Window], Reconciliation = reconciliation };

    private static ReconciledRepository Repo(string name, DateTimeOffset since, DateTimeOffset through, DateTimeOffset? periodStart = null, DateTimeOffset? periodEnd = null) =>
        new(name, since, through, periodStart ?? PeriodStart, periodEnd ?? PeriodEnd);

    [Test]
    public void A_window_nothing_was_reconciled_across_leaves_the_period_incomplete()
    {
        var none = Completeness();
        Assert.That(none.Recovered(Window), Is.False, "no repository reconciled: nothing vouches for the window");
        Assert.That(none.HasGaps, Is.True);
        Assert.That(none.UnrecoveredDeliveries, Is.EqualTo(new[] { Window }));
    }

    [Test]
    public void A_window_every_repository_was_reconciled_across_is_recovered()
    {
        var spanned = Completeness(Repo("acme/app", T0, PeriodEnd), Repo("acme/lib", Window.MissedAfter, PeriodEnd));
        Assert.That(spanned.Recovered(Window), Is.True);
        Assert.That(spanned.UnrecoveredDeliveries, Is.Empty);
        Assert.That(spanned.HasGaps, Is.False);
    }

    [Test]
    public void Reconciliation_that_began_after_the_window_opened_or_stopped_before_it_closed_does_not_recover_it()
    {
        var lateStart = Completeness(Repo("acme/app", T0, PeriodEnd), Repo("acme/new", Window.MissedAfter.AddHours(1), PeriodEnd));
        Assert.That(lateStart.Reconciled, Is.True, "both are reconciled to the end of the period");
        Assert.That(lateStart.Recovered(Window), Is.False, "but acme/new's history before its first pass was not read");
        Assert.That(lateStart.HasGaps, Is.True);

        var earlyStop = Completeness(Repo("acme/app", T0, Window.MissedBefore.AddMinutes(-1), periodEnd: Window.MissedBefore.AddMinutes(-2)));
        Assert.That(earlyStop.Recovered(Window), Is.True, "a period that ends inside the window needs it read only to the period's end");
        var shortOfPeriod = Completeness(Repo("acme/app", T0, Window.MissedBefore.AddMinutes(-1)));
        Assert.That(shortOfPeriod.Recovered(Window), Is.False);
        Assert.That(shortOfPeriod.HasGaps, Is.True);
    }

    [Test]
    public void Only_the_part_of_a_window_in_the_period_needs_reconciling()
    {
        var startedInWindow = Repo("acme/app", Window.MissedAfter.AddDays(1), PeriodEnd, periodStart: Window.MissedAfter.AddDays(1));
        Assert.That(Completeness(startedInWindow).Recovered(Window), Is.True, "reconciled since the period began, which is inside the window");
        Assert.That(Completeness(startedInWindow with { PeriodStart = Window.MissedAfter }).Recovered(Window), Is.False);
    }
}
