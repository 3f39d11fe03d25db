namespace Bot.Evidence.Deliveries;

/// <summary>What <c>bot deliveries retry</c> found.</summary>
public enum RetryOutcome
{
    /// <summary>Back to pending with its attempts reset: a running service's worker takes it within its poll interval, a
    /// stopped one at its next start.</summary>
    Retried,
    Unknown,
    NotFailed,
}

/// <summary><c>bot deliveries list|retry</c>: the inbox as an operator sees it, and failed deliveries put back to work. Needs
/// no chain key; works whether the service runs or not. A store the service has not upgraded yet is refused, not migrated.</summary>
public interface IDeliveryAdministration
{
    /// <summary>The deliveries <paramref name="filter"/> selects, oldest first.</summary>
    IReadOnlyList<ListedDelivery> List(DeliveryFilter filter);

    /// <summary>Puts a failed delivery back to pending; <paramref name="state"/> is its state when it was not failed.</summary>
    RetryOutcome Retry(string deliveryId, out string? state);

    /// <summary>Puts every failed delivery back to pending; returns how many.</summary>
    int RetryAllFailed();
}
