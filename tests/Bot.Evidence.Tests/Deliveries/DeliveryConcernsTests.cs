using System.Text;
using Bot.Evidence.Deliveries;

namespace Bot.Evidence.Tests.Deliveries;

/// <summary>Which failed deliveries leave a change out of the population, read from what the inbox stored (the export cannot
/// ask GitHub): merges and branch pushes do; reviews, unmerged closes and tags do not; an unreadable body is counted.</summary>
public sealed class DeliveryConcernsTests
{
    private static string? Change(string eventName, string? action, string body) =>
        DeliveryConcerns.Change(eventName, action, Encoding.UTF8.GetBytes(body));

    [Test]
    public void Merges_and_branch_pushes_concern_a_change()
    {
        Assert.That(Change("pull_request", "closed", """{"number":12,"pull_request":{"merged":true,"base":{"ref":"release/2.1"}}}"""),
            Is.EqualTo("merge of pull request #12 into release/2.1"));
        Assert.That(Change("push", null, """{"ref":"refs/heads/main","deleted":false}"""), Is.EqualTo("push to main"));
        Assert.That(Change("push", null, """{"ref":"refs/heads/main","deleted":true}"""), Is.EqualTo("deletion of branch main"));
        Assert.That(Change("push", null, """{"ref":"refs/heads/feature/x"}"""), Is.EqualTo("push to feature/x"),
            "the policy's branches are not known offline: counted in doubt");
    }

    [Test]
    public void Reviews_unmerged_closes_and_tags_do_not()
    {
        Assert.That(Change("pull_request", "closed", """{"number":12,"pull_request":{"merged":false,"base":{"ref":"main"}}}"""), Is.Null);
        Assert.That(Change("pull_request", "opened", """{"number":12,"pull_request":{"merged":true}}"""), Is.Null);
        Assert.That(Change("pull_request_review", "submitted", "{}"), Is.Null);
        Assert.That(Change("push", null, """{"ref":"refs/tags/v1.0"}"""), Is.Null);
    }

    [Test]
    public void An_unreadable_body_is_counted()
    {
        Assert.That(Change("pull_request", "closed", "not json"), Does.StartWith("a closed pull request whose body cannot be read"));
        Assert.That(Change("pull_request", "closed", """{"pull_request":{}}"""), Does.StartWith("a closed pull request whose body cannot be read"));
        Assert.That(Change("push", null, "[1,2"), Does.StartWith("a push whose body cannot be read"));
    }
}
