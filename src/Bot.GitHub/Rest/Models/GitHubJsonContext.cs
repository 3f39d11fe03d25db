using System.Text.Json.Serialization;

namespace Bot.GitHub.Rest.Models;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RestPullRequest))]
[JsonSerializable(typeof(List<RestPullRequest>))]
[JsonSerializable(typeof(List<RestCommit>))]
[JsonSerializable(typeof(RestCommit))]
[JsonSerializable(typeof(List<RestReview>))]
[JsonSerializable(typeof(List<RestFile>))]
[JsonSerializable(typeof(RestContent))]
[JsonSerializable(typeof(RestRepo))]
[JsonSerializable(typeof(RestInstallationRepositories))]
[JsonSerializable(typeof(RestCheckRun))]
[JsonSerializable(typeof(RestCheckRunList))]
[JsonSerializable(typeof(RestCommitStatus))]
[JsonSerializable(typeof(RestCompare))]
[JsonSerializable(typeof(RestAccessToken))]
[JsonSerializable(typeof(RestIssueCommentWrite))]
[JsonSerializable(typeof(RestIssueComment))]
[JsonSerializable(typeof(RestTeamMembership))]
[JsonSerializable(typeof(List<RestInstallation>))]
[JsonSerializable(typeof(RestInstallation))]
[JsonSerializable(typeof(RestError))]
[JsonSerializable(typeof(RestApp))]
[JsonSerializable(typeof(List<RestBranch>))]
[JsonSerializable(typeof(RestCheckRunWrite))]
[JsonSerializable(typeof(RestCommitStatusWrite))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
