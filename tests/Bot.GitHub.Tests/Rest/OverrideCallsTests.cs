using Bot.FakeGitHub;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

/// <summary>The two calls the override command needs: replying on the pull request, and asking about team membership.</summary>
public class OverrideCallsTests
{
    [Test]
    public async Task A_reply_is_posted_on_the_pull_request()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");

        await context.Client.CreateIssueCommentAsync("octo", "app", 12, "Override refused: reason");

        Assert.That(context.Fake.Comments("octo/app"), Has.Count.EqualTo(1));
        Assert.That(context.Fake.Comments("octo/app")[0].Number, Is.EqualTo(12));
        Assert.That(context.Fake.Comments("octo/app")[0].Body, Is.EqualTo("Override refused: reason"));
    }

    [Test]
    public async Task Team_membership_is_true_for_an_active_member_and_false_on_404()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.AddTeamMember("octo", "release-managers", "carol");

        Assert.That(await context.Client.IsTeamMemberAsync("octo", "release-managers", "carol"), Is.True);
        Assert.That(await context.Client.IsTeamMemberAsync("octo", "release-managers", "dave"), Is.False);
        Assert.That(await context.Client.IsTeamMemberAsync("octo", "no-such-team", "carol"), Is.False);
    }
}
