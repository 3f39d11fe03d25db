using Bot.GitHub.Webhooks.Payloads;

namespace Bot.GitHub.Webhooks;

public enum WebhookParseError
{
    /// <summary>No <c>X-GitHub-Event</c> value.</summary>
    MissingEventName,

    EmptyBody,

    /// <summary>Not well-formed UTF-8 JSON (includes truncated bodies).</summary>
    NotJson,

    /// <summary>Nested deeper than <see cref="WebhookEnvelope.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>Valid JSON, but not the shape of the named event (missing/null required field, wrong type, not an object).</summary>
    WrongShape,
}

/// <summary>Either <see cref="Parsed"/> or <see cref="Failed"/>; switch on the type.</summary>
public abstract record WebhookParseResult
{
    private WebhookParseResult()
    {
    }

    public sealed record Parsed(WebhookEvent Event) : WebhookParseResult;

    /// <param name="Message">Says what is wrong and where (line/byte or JSON path); never contains the body or secrets.</param>
    public sealed record Failed(WebhookParseError Error, string Message) : WebhookParseResult;
}

/// <summary>What intake makes of a verified delivery: its <see cref="Route"/>, or the <see cref="Failure"/> that refuses it.</summary>
public sealed record WebhookIntakeResult(RouteDecision? Route, WebhookParseResult.Failed? Failure);
