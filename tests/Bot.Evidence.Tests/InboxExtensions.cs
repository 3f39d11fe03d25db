using Bot.Evidence.Inbox;

namespace Bot.Evidence.Tests;

internal static class InboxExtensions
{
    /// <summary>Claims the next due delivery, or null when none is due.</summary>
    public static async Task<ClaimedDelivery?> ClaimNextAsync(this IDeliveryInbox inbox)
    {
        var claimed = await inbox.ClaimAsync(1);
        return claimed.Count == 0 ? null : claimed[0];
    }
}
