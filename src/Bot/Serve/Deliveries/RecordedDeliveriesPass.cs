using Bot.Evidence.Deliveries;
using Bot.Evidence.Inbox;
using Bot.GitHub;
using Bot.GitHub.Deliveries;
using Bot.Serve.Intake;
using Bot.Serve.Processing;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Deliveries;

/// <summary>What one pass found: deliveries GitHub listed since the previous pass, those the inbox lacked, and what became of
/// them; <see cref="Gap"/> when the previous pass was longer ago than GitHub keeps deliveries.</summary>
public sealed record DeliveriesPassResult(int Listed, int Missing, int TakenIn, int Redelivered, int Refused, int Gone, DeliveryRetentionGap? Gap);

/// <summary>
/// policy.md §8, missed deliveries. Reads GitHub's list of the App's deliveries, newest first, back to the newest one a pass
/// saw before (the mark, kept in the evidence file), and takes every delivery the inbox does not hold into the inbox, with
/// its own GUID, as if it had arrived: <c>GET /app/hook/deliveries/{id}</c> gives the request GitHub sent, and its payload
/// goes through the same intake as the webhook endpoint (<see cref="DeliveryIntake"/>). GitHub's own status of a delivery
/// does not decide anything: a delivery the inbox holds was received, whatever GitHub recorded (a late answer, say); one it
/// does not hold was not, even when GitHub recorded it as delivered.
/// <para>Why the request is fetched rather than redelivered (<c>POST .../attempts</c>): the fetch is one read on the App's
/// authenticated channel to GitHub's API, which works when GitHub cannot reach the webhook endpoint (the very failure that
/// lost the delivery), costs no write budget (GitHub limits writes to 80 a minute, and an outage can leave hundreds) and
/// lands in the inbox before the pass ends. What the bot gives up is the webhook signature: GitHub returns the payload as
/// parsed JSON, so the stored body is that JSON's text, marked <c>deliveries_api</c> in the inbox; its authenticity rests on
/// the TLS connection to GitHub's API and the App's JWT instead. Only a delivery GitHub returns without a payload is
/// redelivered.</para>
/// </summary>
public sealed class RecordedDeliveriesPass(
    GitHubApp github,
    IDeliveryInbox inbox,
    IRecordedDeliveriesCursor cursor,
    InboxSignal signal,
    IOptions<RecordedDeliveriesOptions> options,
    TimeProvider clock,
    ILogger<RecordedDeliveriesPass> logger)
{
    private enum Outcome { TakenIn, Duplicate, Redelivered, Refused, Gone }

    public async Task<DeliveriesPassResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mark = await cursor.MarkAsync(cancellationToken);
        // The first pass of a file has no mark: it reads back to the inbox's first delivery (older ones were never the bot's
        // to miss), so a new installation does not take in days of deliveries sent before it existed.
        var since = mark is null ? await cursor.FirstReceivedAsync(cancellationToken) ?? now : (DateTimeOffset?)null;
        var (listed, newest, reachedSeen) = await ListSinceAsync(mark, since, cancellationToken);

        var gap = mark is null || reachedSeen ? null : await RetentionGapAsync(mark, listed, now, cancellationToken);

        // A redelivery is another attempt with the same GUID; the first attempt's time is when the event happened.
        var missing = new List<(HookDelivery Newest, DateTimeOffset First)>();
        var attempts = listed.GroupBy(d => d.DeliveryGuid, StringComparer.Ordinal).ToList();
        var held = await cursor.HeldAsync([.. attempts.Select(g => g.Key)], cancellationToken);
        foreach (var delivery in attempts.Where(g => !held.Contains(g.Key)))
            missing.Add((delivery.MaxBy(d => d.Id)!, delivery.Min(d => d.DeliveredAt)));

        var outcomes = new List<Outcome>();
        // Oldest first, so the inbox holds them in the order they happened, as it would have.
        foreach (var (delivery, first) in missing.OrderBy(m => m.First).ThenBy(m => m.Newest.Id))
            outcomes.Add(await TakeInAsync(delivery, first, cancellationToken));

        // Only now, with every missing delivery in the inbox (or accounted for), does the mark move: a pass that fails half
        // way is read again from the old mark, and what it already took in is then a duplicate.
        await cursor.SaveMarkAsync(newest is null
            ? new RecordedDeliveriesMark(mark?.NewestDeliveryId ?? 0, mark?.NewestDeliveredAt ?? now, now)
            : new RecordedDeliveriesMark(newest.Id, newest.DeliveredAt, now), cancellationToken);

        var result = new DeliveriesPassResult(listed.Count, missing.Count, outcomes.Count(o => o == Outcome.TakenIn),
            outcomes.Count(o => o == Outcome.Redelivered), outcomes.Count(o => o == Outcome.Refused), outcomes.Count(o => o == Outcome.Gone), gap);
        logger.Log(missing.Count > 0 ? LogLevel.Warning : LogLevel.Information,
            "Deliveries pass: {Listed} deliveries listed since the last pass, {Missing} not in the inbox: {TakenIn} taken in, {Redelivered} redelivery asked for, {Refused} refused, {Gone} no longer kept by GitHub; {NotDelivered} listed as not delivered by GitHub",
            result.Listed, result.Missing, result.TakenIn, result.Redelivered, result.Refused, result.Gone, listed.Count(d => !d.Delivered));
        return result;
    }

    /// <summary>The deliveries newer than the mark (or, without one, delivered since <paramref name="since"/>), the newest
    /// delivery listed, and whether the list reached what an earlier pass saw.</summary>
    private async Task<(List<HookDelivery> Listed, HookDelivery? Newest, bool ReachedSeen)> ListSinceAsync(
        RecordedDeliveriesMark? mark, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var listed = new List<HookDelivery>();
        HookDelivery? newest = null;
        await foreach (var page in github.HookDeliveries.ListAsync(cancellationToken))
        {
            foreach (var delivery in page)
            {
                newest ??= delivery;
                if (mark is not null ? delivery.Id <= mark.NewestDeliveryId : delivery.DeliveredAt < since)
                    return (listed, newest, true);
                listed.Add(delivery);
            }
        }
        return (listed, newest, false);
    }

    /// <summary>The list did not reach back to what the last pass saw. When that pass was longer ago than GitHub keeps
    /// deliveries, anything delivered between it and the oldest delivery still listed may be gone for good: said loudly, and
    /// kept for the export. Otherwise GitHub still keeps everything since, and there was simply nothing more.</summary>
    private async Task<DeliveryRetentionGap?> RetentionGapAsync(RecordedDeliveriesMark mark, List<HookDelivery> listed, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var retention = TimeSpan.FromDays(options.Value.DeliveriesRetentionDays);
        if (mark.PassedAt >= now - retention)
            return null;
        var gap = new DeliveryRetentionGap(mark.PassedAt, listed.Count > 0 ? listed.Min(d => d.DeliveredAt) : now, now);
        logger.LogError("Deliveries between {MissedAfter:O} and {MissedBefore:O} may be lost: the last deliveries pass ran {Days:F1} days ago and GitHub keeps deliveries {Retention} days; the window is recorded and the export lists it. Branch reconciliation records the changes of that window",
            gap.MissedAfter, gap.MissedBefore, (now - mark.PassedAt).TotalDays, options.Value.DeliveriesRetentionDays);
        await cursor.AppendRetentionGapAsync(gap, cancellationToken);
        return gap;
    }

    private async Task<Outcome> TakeInAsync(HookDelivery delivery, DateTimeOffset firstDeliveredAt, CancellationToken cancellationToken)
    {
        var request = await github.HookDeliveries.GetAsync(delivery.Id, cancellationToken);
        if (request is null)
        {
            logger.LogWarning("Missed delivery {DeliveryId} ({Event}) is no longer kept by GitHub", delivery.DeliveryGuid, delivery.Event);
            return Outcome.Gone;
        }
        if (request.Payload is null)
        {
            await github.HookDeliveries.RedeliverAsync(delivery.Id, cancellationToken);
            logger.LogWarning("Missed delivery {DeliveryId} ({Event}) came without its payload; asked GitHub to deliver it again", delivery.DeliveryGuid, delivery.Event);
            return Outcome.Redelivered;
        }
        var eventName = request.Header("X-GitHub-Event") ?? delivery.Event;
        var intake = DeliveryIntake.Read(eventName, delivery.DeliveryGuid, request.Payload, firstDeliveredAt, DeliverySources.DeliveriesApi);
        if (intake.Accepted is not { } accepted)
        {
            logger.LogError("Missed delivery {DeliveryId} ({Event}) cannot be taken in: {Reason}", delivery.DeliveryGuid, eventName, intake.Refusal);
            return Outcome.Refused;
        }
        var stored = await accepted.StoreAsync(inbox, signal, cancellationToken);
        logger.LogInformation("Took in missed delivery {DeliveryId} ({Event} {Action}, delivered {DeliveredAt:O}, GitHub status {Status})",
            delivery.DeliveryGuid, eventName, accepted.Route.Action, firstDeliveredAt, delivery.Status);
        return stored == EnqueueResult.Accepted ? Outcome.TakenIn : Outcome.Duplicate;
    }
}
