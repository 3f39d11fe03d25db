namespace Bot.Evidence.Changes;

/// <summary>How a change came to be recorded (<see cref="ChangeRecord.Source"/>).</summary>
public static class ChangeSources
{
    /// <summary>From a delivery (a <c>pull_request</c> <c>closed</c> or a <c>push</c>).</summary>
    public const string Webhook = "webhook";

    /// <summary>Read from a local clone by <c>bot scan</c>.</summary>
    public const string Scan = "scan";

    /// <summary>Found by the population reconciliation in a branch's history, without its delivery (policy.md §8).</summary>
    public const string Reconcile = "reconcile";
}
