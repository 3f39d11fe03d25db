using Bot.Evidence.Inbox;
using Bot.GitHub.Webhooks;
using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;

namespace Bot.Serve.Handlers;

/// <summary>A claimed delivery with the route intake worked out and stored beside it (event, action, installation,
/// repository, pull request). Intake stored it pending only because the bot acts on it, so the route is trusted as it is;
/// the body is read and parsed only by a handler that needs more than the route (<see cref="PayloadAsync{T}"/>).</summary>
public sealed class RoutedDelivery(ClaimedDelivery delivery, long installationId, Func<CancellationToken, Task<byte[]>> readBody)
{
    private Dictionary<PullRequestKey, DecidedPullRequest>? _decided;

    public ClaimedDelivery Delivery => delivery;

    public string DeliveryId => delivery.DeliveryId;

    public string Event => delivery.Event;

    public string? Action => delivery.Action;

    public long InstallationId => installationId;

    /// <summary><c>owner/name</c>; null for installation-level events.</summary>
    public string? Repository => delivery.Repository;

    /// <summary>The one pull request the route names, when it names one.</summary>
    public PullRequestKey? PullRequest =>
        delivery is { Repository: { } repository, PullRequestNumber: { } number } ? PullRequestKey.Create(installationId, repository, number) : null;

    /// <summary>A handler that had to read and decide a pull request it returns (to judge an override command) leaves the
    /// decision here, so that the evaluation of that pull request for this delivery does not make it again.</summary>
    public void Decided(DecidedPullRequest decided) => (_decided ??= [])[decided.Context.Key] = decided;

    /// <summary>What <see cref="Decided"/> left for <paramref name="key"/>.</summary>
    public DecidedPullRequest? DecidedFor(PullRequestKey key) => _decided?.GetValueOrDefault(key);

    /// <summary>The pull request to evaluate for an event that only names one. A delivery stored before the inbox kept the
    /// pull request number (schema 4) has its route worked out from the body, the way intake works it out.</summary>
    public async Task<IReadOnlyList<PullRequestKey>> NamedPullRequestAsync(CancellationToken cancellationToken)
    {
        if (PullRequest is { } named)
            return [named];
        var route = WebhookEnvelope.Route(delivery.Event, await readBody(cancellationToken)).Route
            ?? throw new DamagedDeliveryException($"the stored body of delivery {delivery.DeliveryId} no longer parses");
        return route is { Repository: { } repository, PullRequestNumber: { } number } ? [PullRequestKey.Create(installationId, repository, number)] : [];
    }

    /// <summary>The delivery as it comes out of the inbox; null when it names no installation (nothing can act on it).</summary>
    public static RoutedDelivery? FromInbox(ClaimedDelivery delivery, IDeliveryInbox inbox) =>
        delivery.InstallationId is { } installation
            ? new RoutedDelivery(delivery, installation, cancellationToken => inbox.ReadBodyAsync(delivery.DeliveryId, cancellationToken))
            : null;

    /// <summary>The stored body as the typed payload of its event.</summary>
    /// <exception cref="DamagedDeliveryException">The body parsed when it was accepted; now it does not (a damaged row).</exception>
    public async Task<T> PayloadAsync<T>(CancellationToken cancellationToken) where T : WebhookEvent =>
        WebhookEnvelope.Parse(delivery.Event, await readBody(cancellationToken)) is WebhookParseResult.Parsed { Event: T payload }
            ? payload
            : throw new DamagedDeliveryException($"the stored body of delivery {delivery.DeliveryId} is no longer a {delivery.Event} payload");
}

/// <summary>A stored delivery that no longer reads as what was accepted: no retry can mend it.</summary>
public sealed class DamagedDeliveryException(string message) : Exception(message);
