using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Bot.GitHub.Webhooks.Payloads;

namespace Bot.GitHub.Webhooks;

/// <summary>Turns a verified delivery (event header + raw body) into a typed payload or a clear error.</summary>
public static class WebhookEnvelope
{
    /// <summary>Deepest nesting accepted. Real payloads stay under 10; the bound keeps hostile input cheap to reject.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Parses <paramref name="body"/> as the payload of <paramref name="eventName"/> (the <c>X-GitHub-Event</c> value,
    /// matched exactly). Unknown event names parse into <see cref="UnhandledEvent"/> so they can be acknowledged
    /// and ignored. Never throws for any body content.
    /// </summary>
    public static WebhookParseResult Parse(string? eventName, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(eventName))
        {
            return new WebhookParseResult.Failed(WebhookParseError.MissingEventName, "The X-GitHub-Event header is missing or empty.");
        }

        if (body.IsEmpty)
        {
            return new WebhookParseResult.Failed(WebhookParseError.EmptyBody, $"The {eventName} delivery has an empty body.");
        }

        // A separate syntax pass (cheap, allocation-free) tells "not JSON" apart from "JSON of the wrong shape"
        // and bounds the depth before any object is built.
        if (CheckSyntax(eventName, body, fields: null) is { } syntaxError)
        {
            return syntaxError;
        }

        try
        {
            WebhookEvent? parsed = eventName switch
            {
                WebhookEventNames.PullRequest => Deserialize(body, WebhookJsonContext.Default.PullRequestEvent),
                WebhookEventNames.PullRequestReview => Deserialize(body, WebhookJsonContext.Default.PullRequestReviewEvent),
                WebhookEventNames.Push => Deserialize(body, WebhookJsonContext.Default.PushEvent),
                WebhookEventNames.CheckRun => Deserialize(body, WebhookJsonContext.Default.CheckRunEvent),
                WebhookEventNames.CheckSuite => Deserialize(body, WebhookJsonContext.Default.CheckSuiteEvent),
                WebhookEventNames.Installation => Deserialize(body, WebhookJsonContext.Default.InstallationEvent),
                WebhookEventNames.InstallationRepositories => Deserialize(body, WebhookJsonContext.Default.InstallationRepositoriesEvent),
                WebhookEventNames.IssueComment => Deserialize(body, WebhookJsonContext.Default.IssueCommentEvent),
                WebhookEventNames.Ping => Deserialize(body, WebhookJsonContext.Default.PingEvent),
                WebhookEventNames.MergeGroup => Deserialize(body, WebhookJsonContext.Default.MergeGroupEvent),
                _ => Deserialize(body, WebhookJsonContext.Default.UnhandledEvent) is { } other ? other with { Name = eventName } : null,
            };

            return parsed is null
                ? new WebhookParseResult.Failed(WebhookParseError.WrongShape, $"The {eventName} payload is JSON null, not an object.")
                : new WebhookParseResult.Parsed(parsed);
        }
        catch (JsonException ex)
        {
            return new WebhookParseResult.Failed(WebhookParseError.WrongShape, $"The body is not a valid {eventName} payload: {ex.Message}");
        }
    }

    private static T? Deserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(body, typeInfo);

    /// <summary>
    /// What intake needs from a verified delivery: whether the bot acts on it and its route, or why the body is refused.
    /// For <c>pull_request</c> and <c>pull_request_review</c> (nearly all deliveries) the route is read during the syntax
    /// pass instead of building the typed payload: workers evaluate those pull requests from GitHub's current state and
    /// never read the rest of the body. Any other event, a closed pull request (the merge joins the change population from
    /// the typed payload), or a body whose routed fields are missing, repeated or of the wrong type takes the full parse,
    /// with its exact errors.
    /// </summary>
    public static WebhookIntakeResult Route(string? eventName, ReadOnlySpan<byte> body)
    {
        if (eventName is WebhookEventNames.PullRequest or WebhookEventNames.PullRequestReview && !body.IsEmpty)
        {
            var fields = new PullRequestRouteFields(eventName);
            if (CheckSyntax(eventName, body, fields) is { } syntaxError)
            {
                return new WebhookIntakeResult(null, syntaxError);
            }

            if (fields.Complete && WebhookRouting.IsRouteOnly(eventName, fields.Action))
            {
                return new WebhookIntakeResult(WebhookRouting.Decide(fields.ToDecision()), null);
            }
        }

        return Parse(eventName, body) switch
        {
            WebhookParseResult.Parsed parsed => new WebhookIntakeResult(WebhookRouting.Classify(parsed.Event), null),
            var failed => new WebhookIntakeResult(null, (WebhookParseResult.Failed)failed),
        };
    }

    private static WebhookParseResult.Failed? CheckSyntax(string eventName, ReadOnlySpan<byte> body, PullRequestRouteFields? fields)
    {
        // The reader checks structure but not the bytes inside strings it never decodes (e.g. skipped members).
        if (!Utf8.IsValid(body))
        {
            return new WebhookParseResult.Failed(WebhookParseError.NotJson, $"The {eventName} body is not valid UTF-8.");
        }

        // Reader limit one above ours so the depth check below always reports first, as TooDeep.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxDepth)
                {
                    return new WebhookParseResult.Failed(
                        WebhookParseError.TooDeep,
                        $"The {eventName} body nests deeper than {MaxDepth} levels (at byte {reader.TokenStartIndex}).");
                }

                fields?.Observe(ref reader);
            }

            return null;
        }
        catch (JsonException ex)
        {
            return new WebhookParseResult.Failed(WebhookParseError.NotJson, $"The {eventName} body is not valid JSON: {ex.Message}");
        }
    }
}
