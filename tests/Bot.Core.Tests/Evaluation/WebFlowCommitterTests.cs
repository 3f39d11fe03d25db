using Bot.Core.Model;
using NUnit.Framework;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;

namespace Bot.Core.Tests.Evaluation;

/// <summary>policy.md §3 condition 4: GitHub's <c>web-flow</c> committer is not a contributor. It is recognised by its user
/// id on the server (a setting: 19864447 on github.com, another id on GitHub Enterprise Server), never by the login, which
/// on a server someone else may hold.</summary>
public sealed class WebFlowCommitterTests
{
    private const long GitHubComWebFlow = ServerFacts.GitHubComWebFlowUserId;
    private const long EnterpriseWebFlow = 77;

    [TestCase(GitHubComWebFlow, "web-flow", GitHubComWebFlow, false, TestName = "github.com's web-flow is not a contributor")]
    [TestCase(GitHubComWebFlow, "web-flow-renamed", GitHubComWebFlow, false, TestName = "web-flow under another login is still web-flow")]
    [TestCase(4242, "web-flow", GitHubComWebFlow, true, TestName = "another account named web-flow is a contributor")]
    [TestCase(4242, "WEB-FLOW", GitHubComWebFlow, true, TestName = "the login's case changes nothing")]
    [TestCase(EnterpriseWebFlow, "web-flow", EnterpriseWebFlow, false, TestName = "a server's own web-flow id, configured, is not a contributor")]
    [TestCase(GitHubComWebFlow, "web-flow", EnterpriseWebFlow, true, TestName = "github.com's id means someone else on a server configured otherwise")]
    public void The_web_flow_committer_is_known_by_the_servers_user_id(long committerId, string committerLogin, long serverWebFlowId, bool contributor)
    {
        var committer = new GitHubUser(committerId, committerLogin);
        var decision = new PullRequestBuilder()
            .WithCommit("Apply suggestion", author: Alice, committer: committer)
            .Approved(committer)
            .Evaluate(new ServerFacts(serverWebFlowId));

        Assert.That(decision.Contributors.Any(c => c.Id == committerId), Is.EqualTo(contributor));
        Assert.That(decision.ApprovalBy(committer).Qualifies, Is.EqualTo(!contributor),
            "an approval from the committer qualifies exactly when the committer is not a contributor");
    }

    [Test]
    public void Without_server_facts_the_evaluator_uses_github_com()
    {
        var decision = new PullRequestBuilder()
            .WithCommit("Apply suggestion", author: Alice, committer: new GitHubUser(GitHubComWebFlow, "renamed"))
            .Evaluate();

        Assert.That(decision.Contributors.Select(c => c.Login), Is.EqualTo(new[] { "alice" }));
    }
}
