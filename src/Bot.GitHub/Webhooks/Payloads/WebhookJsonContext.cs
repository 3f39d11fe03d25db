using System.Text.Json.Serialization;

namespace Bot.GitHub.Webhooks.Payloads;

/// <summary>
/// Source-generated (reflection-free) metadata for the payload models.
/// Strict on purpose: C# <c>required</c> members must be present, non-nullable members must not be null,
/// numbers must be JSON numbers, no comments or trailing commas, bounded depth; unknown members are skipped.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    MaxDepth = WebhookEnvelope.MaxDepth,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PullRequestEvent))]
[JsonSerializable(typeof(PullRequestReviewEvent))]
[JsonSerializable(typeof(PushEvent))]
[JsonSerializable(typeof(CheckRunEvent))]
[JsonSerializable(typeof(CheckSuiteEvent))]
[JsonSerializable(typeof(InstallationEvent))]
[JsonSerializable(typeof(InstallationRepositoriesEvent))]
[JsonSerializable(typeof(IssueCommentEvent))]
[JsonSerializable(typeof(PingEvent))]
[JsonSerializable(typeof(MergeGroupEvent))]
[JsonSerializable(typeof(UnhandledEvent))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
