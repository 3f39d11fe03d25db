using Bot.GitHub.Http;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Http;

/// <summary>The endpoint label of the GitHub request metric: the API's route, never an owner, number, SHA or file path.</summary>
public sealed class GitHubEndpointGroupTests
{
    [TestCase("/repos/octo/app/pulls/12/commits", "/repos/{owner}/{repo}/pulls/{}/commits")]
    [TestCase("/api/v3/repos/octo/app/pulls/12", "/repos/{owner}/{repo}/pulls/{}")]
    [TestCase("/repos/pulls/pulls/pulls", "/repos/{owner}/{repo}/pulls")]
    [TestCase("/repos/octo/app/contents/.github/ai-compliance.yml", "/repos/{owner}/{repo}/contents/{}")]
    [TestCase("/repos/octo/app/compare/abc...def", "/repos/{owner}/{repo}/compare/{}")]
    [TestCase("/repos/octo/app/commits/0123456789abcdef0123456789abcdef01234567/check-runs", "/repos/{owner}/{repo}/commits/{}/check-runs")]
    [TestCase("/repos/octo/app/check-runs/991", "/repos/{owner}/{repo}/check-runs/{}")]
    [TestCase("/app/installations/42/access_tokens", "/app/installations/{}/access_tokens")]
    [TestCase("/installation/repositories", "/installation/repositories")]
    [TestCase("/orgs/octo/teams/reviewers/memberships/alice", "/orgs/{}/teams/{}/memberships/{}")]
    [TestCase("/orgs/teams/teams/teams/memberships/memberships", "/orgs/{}/teams/{}/memberships/{}")]
    [TestCase("/something/else", "other")]
    public void Paths_become_their_route(string path, string expected) =>
        Assert.That(GitHubEndpointGroup.Of(path), Is.EqualTo(expected));
}
