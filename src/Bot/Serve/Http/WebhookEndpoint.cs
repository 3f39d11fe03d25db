using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Evidence;
using Bot.Evidence.Inbox;
using Bot.GitHub.Webhooks;
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

    public static void Map(WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<GitHubOptions>>().Value.WebhookPath;
        app.MapPost(path, HandleAsync);
    }

    private static async Task<IResult> HandleAsync(HttpContext http, EvidenceStore store, InboxSignal signal,
        IOptions<GitHubOptions> options, TimeProvider clock, ILoggerFactory loggers)
    {
        var started = Stopwatch.GetTimestamp();
        using var intake = ServeTelemetry.StartIntake();
        var answer = await AnswerAsync(http, store, signal, options, clock, loggers);
        IntakeTelemetry.Record(http, answer, intake);
        // The standard Server-Timing header: how long the service took from reading the body to storing it. GitHub's
        // delivery log shows response headers, so a slow acknowledgement can be told apart from a slow network.
        http.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture,
            $"{ServerTimingName};dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1}");
        return answer;
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, EvidenceStore store, InboxSignal signal,
        IOptions<GitHubOptions> options, TimeProvider clock, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var settings = options.Value;
        var request = http.Request;

        if (request.ContentLength > settings.MaxBodyBytes)
            return Answer(StatusCodes.Status413PayloadTooLarge, "too_large", $"body over {settings.MaxBodyBytes} bytes");
        var body = await ReadBodyAsync(request.Body, request.ContentLength, settings.MaxBodyBytes, http.RequestAborted);
        if (body is null)
            return Answer(StatusCodes.Status413PayloadTooLarge, "too_large", $"body over {settings.MaxBodyBytes} bytes");

        if (!WebhookSignature.Verify(body, request.Headers["X-Hub-Signature-256"].ToString(), Encoding.UTF8.GetBytes(settings.WebhookSecret!)))
        {
            // Rate limited per source: unauthenticated traffic must not be able to flood the log.
            http.RequestServices.GetRequiredService<SignatureRejectionLog>().Rejected(http.Connection.RemoteIpAddress);
            return Answer(StatusCodes.Status401Unauthorized, "bad_signature", "missing or wrong X-Hub-Signature-256");
        }

        var eventName = request.Headers["X-GitHub-Event"].ToString();
        var deliveryId = request.Headers["X-GitHub-Delivery"].ToString();
        if (eventName.Length == 0 || deliveryId.Length == 0)
            return Answer(StatusCodes.Status400BadRequest, "bad_request", "X-GitHub-Event and X-GitHub-Delivery are required");
        if (deliveryId.Length > 200)
            return Answer(StatusCodes.Status400BadRequest, "bad_request", "X-GitHub-Delivery is too long");
        if (!IsJson(request.ContentType))
            return Answer(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "configure the webhook with content type application/json");

        var intake = WebhookEnvelope.Route(eventName, body);
        if (intake.Route is not { } route)
            return Answer(StatusCodes.Status400BadRequest, "bad_payload", intake.Failure!.Message);

        var delivery = new InboundDelivery(deliveryId, eventName, route.Action, route.InstallationId, route.Repository, clock.GetUtcNow(), body,
            route.PullRequestNumber);
        EnqueueResult result;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.WebhookStoreTimeoutSeconds));
        try
        {
            var storing = route.Act
                ? store.EnqueueDeliveryAsync(delivery, deadline.Token)
                : store.EnqueueIgnoredDeliveryAsync(delivery, deadline.Token);
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
        signal.Notify();
        return Answer(StatusCodes.Status202Accepted, "accepted", route.Reason);
    }

    private static IResult Answer(int status, string outcome, string reason) =>
        Results.Json(new WebhookAnswer(outcome, reason), ServeJsonContext.Default.WebhookAnswer, statusCode: status);

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the raw body once, refusing (null) as soon as it passes <paramref name="limit"/> bytes. GitHub sends a
    /// Content-Length, which Kestrel holds the body to, so it is read straight into an array of that size (one
    /// allocation, no copy); a chunked body is collected as it comes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream stream, long? announced, long limit, CancellationToken cancellationToken)
    {
        if (announced is { } length and <= int.MaxValue)
        {
            if (length > limit) return null;
            var exact = new byte[length];
            var filled = await stream.ReadAtLeastAsync(exact, exact.Length, throwOnEndOfStream: false, cancellationToken);
            return filled == exact.Length ? exact : exact[..filled];
        }
        var writer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            var memory = writer.GetMemory(16 * 1024);
            var read = await stream.ReadAsync(memory, cancellationToken);
            if (read == 0) return writer.WrittenSpan.ToArray();
            writer.Advance(read);
            if (writer.WrittenCount > limit) return null;
        }
    }
}

public sealed record WebhookAnswer(string Status, string Reason);
