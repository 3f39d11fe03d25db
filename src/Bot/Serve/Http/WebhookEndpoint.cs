using System.Diagnostics;
using System.Globalization;
using Bot.Evidence.Inbox;
using Bot.GitHub.Webhooks;
using Bot.Serve.Intake;
using Bot.Serve.Logging;
using Bot.Serve.Processing;
using Bot.Serve.Telemetry;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Http;

/// <summary><c>POST /webhooks/github</c>: checks the signature over the raw body before anything else, stores the
/// delivery durably in the inbox, and only then answers 2xx. Nothing unsigned is stored; nothing acknowledged is lost.</summary>
public static class WebhookEndpoint
{
    // A string category: the type-name overload formats the name on every request.
    private const string LogCategory = "Bot.Serve.Http.WebhookEndpoint";

    /// <summary>The metric name in the <c>Server-Timing</c> header of every answer.</summary>
    public const string ServerTimingName = "intake";

    public static void MapWebhooks(this WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<GitHubOptions>>().Value.WebhookPath;
        app.MapPost(path, HandleAsync);
    }

    private static async Task<IResult> HandleAsync(HttpContext http, IDeliveryInbox inbox, InboxSignal signal,
        IOptions<GitHubOptions> options, WebhookSecrets secrets, TimeProvider clock, ILoggerFactory loggers, WebhookBodyReader bodies)
    {
        var started = Stopwatch.GetTimestamp();
        using var intake = ServeTelemetry.StartIntake();
        var answer = await AnswerAsync(http, inbox, signal, options, secrets, clock, loggers, bodies);
        IntakeTelemetry.Record(http, answer, intake);
        // The standard Server-Timing header: how long the service took from reading the body to storing it. GitHub's
        // delivery log shows response headers, so a slow acknowledgement can be told apart from a slow network.
        http.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture,
            $"{ServerTimingName};dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1}");
        return answer;
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, IDeliveryInbox inbox, InboxSignal signal,
        IOptions<GitHubOptions> options, WebhookSecrets secrets, TimeProvider clock, ILoggerFactory loggers, WebhookBodyReader bodies)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var settings = options.Value;
        var request = http.Request;

        if (request.ContentLength > settings.MaxBodyBytes)
            return Answer(StatusCodes.Status413PayloadTooLarge, "too_large", $"body over {settings.MaxBodyBytes} bytes");
        // The body is read only under a signature of the right form, into pooled memory that all bodies being read share
        // (GitHub:BodyBufferBytes), and the signature is checked over those exact bytes before anything else.
        var signature = request.Headers["X-Hub-Signature-256"].ToString();
        var read = WebhookSignature.IsWellFormed(signature) ? await bodies.ReadAsync(request, settings.MaxBodyBytes, http.RequestAborted) : default;
        byte[] body;
        using (read.Body)
        {
            if (read.Outcome == BodyReadOutcome.TooLarge)
                return Answer(StatusCodes.Status413PayloadTooLarge, "too_large", $"body over {settings.MaxBodyBytes} bytes");
            if (read.Outcome is BodyReadOutcome.NotRead or BodyReadOutcome.NoMemory)
            {
                // Close rather than drain the body nobody will read.
                http.Response.Headers.Connection = "close";
            }
            if (read.Outcome == BodyReadOutcome.NoMemory)
            {
                logger.LogWarning("No memory for a webhook body of {Bytes} bytes within {Seconds} s (bodies being read hold GitHub:BodyBufferBytes); answering 503",
                    request.ContentLength, settings.BodyBufferWaitSeconds);
                return Answer(StatusCodes.Status503ServiceUnavailable, "unavailable", "too many webhook bodies are being read; redeliver later");
            }
            if (read.Body is null || !secrets.Verify(read.Body.Bytes, signature))
            {
                // Rate limited per source: unauthenticated traffic must not be able to flood the log.
                http.RequestServices.GetRequiredService<SignatureRejectionLog>().Rejected(http.Connection.RemoteIpAddress);
                return Answer(StatusCodes.Status401Unauthorized, "bad_signature", "missing or wrong X-Hub-Signature-256");
            }
            body = read.Body.ToArray();
        }

        var eventName = request.Headers["X-GitHub-Event"].ToString();
        var deliveryId = request.Headers["X-GitHub-Delivery"].ToString();
        if (eventName.Length == 0 || deliveryId.Length == 0)
            return Answer(StatusCodes.Status400BadRequest, "bad_request", "X-GitHub-Event and X-GitHub-Delivery are required");
        if (deliveryId.Length > 200)
            return Answer(StatusCodes.Status400BadRequest, "bad_request", "X-GitHub-Delivery is too long");
        if (!IsJson(request.ContentType))
            return Answer(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "configure the webhook with content type application/json");

        var intake = DeliveryIntake.Read(eventName, deliveryId, body, clock.GetUtcNow(), DeliverySources.Webhook);
        if (intake.Accepted is not { } accepted)
            return Answer(StatusCodes.Status400BadRequest, "bad_payload", intake.Refusal!);
        var route = accepted.Route;

        EnqueueResult result;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.WebhookStoreTimeoutSeconds));
        try
        {
            var storing = accepted.StoreAsync(inbox, signal, deadline.Token);
            // Stop waiting at the deadline: the insert is skipped if it has not started; if it was already being written
            // it is kept (a redelivery is then answered "duplicate"), so a 503 never loses a delivery either way.
            result = await storing.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError("Delivery {DeliveryId} was not stored within {Seconds} s (database locked or slow); answering 503",
                deliveryId, settings.WebhookStoreTimeoutSeconds);
            return Answer(StatusCodes.Status503ServiceUnavailable, "unavailable", "the inbox could not store the delivery in time; redeliver later");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not stored, so not acknowledged: GitHub records the failure and the delivery can be redelivered.
            logger.LogError(e, "Could not store delivery {DeliveryId}; answering 503", deliveryId);
            return Answer(StatusCodes.Status503ServiceUnavailable, "unavailable", "the inbox could not store the delivery; redeliver later");
        }

        if (result == EnqueueResult.Duplicate)
            return Answer(StatusCodes.Status200OK, "duplicate", $"delivery {deliveryId} was already received");
        if (!route.Act)
            return Answer(StatusCodes.Status202Accepted, "ignored", route.Reason);
        return Answer(StatusCodes.Status202Accepted, "accepted", route.Reason);
    }

    private static IResult Answer(int status, string outcome, string reason) =>
        Results.Json(new WebhookAnswer(outcome, reason), ServeJsonContext.Default.WebhookAnswer, statusCode: status);

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
}

public sealed record WebhookAnswer(string Status, string Reason);
