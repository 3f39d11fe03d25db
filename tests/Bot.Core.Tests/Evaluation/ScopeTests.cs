using Bot.Core.Evaluation;
using Bot.Core.Model;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

public class ScopeTests
{
    [TestCase("main")]
    [TestCase("release/2025.1")]
    [TestCase("release/2025/hotfix")]
    public void Default_branches_are_in_scope(string baseRef)
    {
        var decision = new PullRequestBuilder().WithBase(baseRef).Evaluate();

        Assert.That(decision.InScope, Is.True);
        Assert.That(decision.Conclusion, Is.Not.EqualTo(Conclusion.NotInScope));
    }

    [Test]
    public void Another_base_branch_is_not_in_scope_and_succeeds_without_rules()
    {
        var decision = new PullRequestBuilder().WithBase("feature/x").WithBody(null).Evaluate();

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.NotInScope));
        Assert.That(decision.Title, Is.EqualTo("Not in scope"));
        Assert.That(decision.InScope, Is.False);
        Assert.That(decision.Rules, Is.Empty);
    }

    [Test]
    public void The_default_placeholder_stands_for_the_repositorys_default_branch()
    {
        var decision = new PullRequestBuilder().WithBase("trunk", defaultBranch: "trunk").Evaluate();
        var main = new PullRequestBuilder().WithBase("main", defaultBranch: "trunk").Evaluate();

        Assert.That(decision.InScope, Is.True);
        Assert.That(main.Conclusion, Is.EqualTo(Conclusion.NotInScope));
    }

    [Test]
    public void A_default_branch_name_with_wildcard_characters_matches_only_itself()
    {
        var decision = new PullRequestBuilder().WithBase("dev-1", defaultBranch: "dev-?").Evaluate();

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.NotInScope));
    }

    [TestCase("hotfix/a", true)]
    [TestCase("prod", true)]
    [TestCase("main", false)]
    [TestCase("hotfix/a/b", false)]
    public void Configured_branches_replace_the_default_list(string baseRef, bool inScope)
    {
        var decision = new PullRequestBuilder().WithPolicy(p => p with { Branches = ["prod", "hotfix/*"] })
            .WithBase(baseRef).Evaluate();

        Assert.That(decision.InScope, Is.EqualTo(inScope));
    }
}
