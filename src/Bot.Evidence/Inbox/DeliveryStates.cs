namespace Bot.Evidence.Inbox;

/// <summary>The text stored in deliveries.state (the table's CHECK constraint lists the same words).</summary>
internal static class DeliveryStates
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Processed = "processed";
    public const string Failed = "failed";
    public const string Ignored = "ignored";

    public static DeliveryState Parse(string text) => text switch
    {
        Pending => DeliveryState.Pending,
        Processing => DeliveryState.Processing,
        Processed => DeliveryState.Processed,
        Failed => DeliveryState.Failed,
        Ignored => DeliveryState.Ignored,
        _ => throw new InvalidOperationException($"Unknown delivery state '{text}' in the database."),
    };
}
