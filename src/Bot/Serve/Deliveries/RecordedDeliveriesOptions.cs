namespace Bot.Serve.Deliveries;

/// <summary>The deliveries pass (<c>Reconcile:Deliveries*</c>; the same section as the reconcile sweep, bound on its own).</summary>
public sealed class RecordedDeliveriesOptions
{
    public const string Section = "Reconcile";

    /// <summary>False: GitHub's record of deliveries is never read; a delivery that did not reach the bot stays missed.</summary>
    public bool DeliveriesEnabled { get; set; } = true;

    /// <summary>Time between passes; the first runs at start-up.</summary>
    public double DeliveriesIntervalMinutes { get; set; } = 5;

    /// <summary>How long GitHub keeps deliveries: 3 days on github.com, 7 on GitHub Enterprise Server. A pass that finds the
    /// previous one longer ago than this reports the time between as a window whose deliveries may be lost.</summary>
    public double DeliveriesRetentionDays { get; set; } = 3;
}
