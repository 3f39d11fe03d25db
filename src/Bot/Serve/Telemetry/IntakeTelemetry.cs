using System.Diagnostics;
using Bot.Serve.Http;

namespace Bot.Serve.Telemetry;

/// <summary>What the webhook endpoint reports about each answer: the delivery counter by event and answer, and on the
/// intake span the delivery id, which the worker's span continues (see <see cref="DeliveryTraceContexts"/>).</summary>
internal static class IntakeTelemetry
{
    public static void Record(HttpContext http, IResult answer, Activity? intake)
    {
        if ((answer as IValueHttpResult)?.Value is not WebhookAnswer outcome) return;
        var eventName = http.Request.Headers["X-GitHub-Event"].ToString();
        http.RequestServices.GetRequiredService<ServeMetrics>().DeliveryAnswered(eventName, outcome.Status);
        if (intake is null) return;

        intake.SetTag("bot.webhook.answer", outcome.Status);
        // Only a verified delivery's headers are worth a tag; a rejected request's are anyone's text.
        if (outcome.Status is not ("accepted" or "ignored" or "duplicate")) return;
        var deliveryId = http.Request.Headers["X-GitHub-Delivery"].ToString();
        intake.SetTag(ServeTelemetry.DeliveryIdTag, deliveryId);
        intake.SetTag(ServeTelemetry.EventTag, eventName);
        if (outcome.Status == "accepted")
            http.RequestServices.GetRequiredService<DeliveryTraceContexts>().Remember(deliveryId, intake.Context);
    }
}
