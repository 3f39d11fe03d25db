namespace Bot.Core.Model;

/// <summary>Facts about the GitHub server the bot talks to: configuration of the server, not policy, so a repository's
/// policy file cannot change them. Passed to the evaluator as data.</summary>
/// <param name="WebFlowUserId">The user id of GitHub's <c>web-flow</c> account, which commits what people do in the web UI
/// (merges, applied suggestions, squash and rebase merges). Identities are compared by id, never by login: on a server
/// where someone else could hold the login, they are still a contributor.</param>
public sealed record ServerFacts(long WebFlowUserId)
{
    /// <summary><c>web-flow</c> on github.com (and GitHub Enterprise Cloud).</summary>
    public const long GitHubComWebFlowUserId = 19864447;

    public static ServerFacts GitHubCom { get; } = new(GitHubComWebFlowUserId);
}
