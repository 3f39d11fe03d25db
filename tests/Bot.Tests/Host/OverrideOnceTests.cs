using Bot.GitHub.Rest;
using Bot.Tests.Support;
using static Bot.Tests.Host.HostUnderTest;
using static Bot.Tests.Host.Users;

namespace Bot.Tests.Host;

/// <summary>An <c>/ai-compliance override</c> is judged on a decision of the pull request; the evaluation that follows posts
/// and records that same decision with the override applied, instead of reading and deciding the pull request again.</summary>
public sealed class OverrideOnceTests
{
    // Both boxes ticked: the declaration rule fails whatever else holds.
    private const string ContradictoryBody = """
        - [x] This change includes AI-assisted code
        - [x] This change does not include AI-assisted code
        - [x] No secrets, credentials or customer data were entered into AI tools for this change
        """;

    [Test]
    public async Task An_accepted_override_reads_and_decides_the_pull_request_once()
    {
        await using var host = HostUnderTest.Start();
        var repository = host.GitHub.Repository(Repo).WithPolicy("version: 1\noverrides:\n  approvers: [carol]\n");
        var pr = repository.PullRequest(1, Alice, ContradictoryBody).Commit("Hotfix payments\n\nAI-Assisted: Cursor 0.45\n").File("src/Pay.cs");
        await host.DeliverAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, pr.HeadSha));
        Assert.That(repository.CheckRunsOn(pr.HeadSha).Last().Conclusion, Is.EqualTo("failure"));
        const string command = "/ai-compliance override Emergency fix, reviewed on the call";
        repository.IssueComments[55] = new IssueCommentInfo(55, command, Carol, DateTimeOffset.UtcNow.AddSeconds(1), null, 1);
        var before = host.GitHub.Calls.Count;

        await host.DeliverAsync("issue_comment", WebhookPayloads.PullRequestComment(Repo, 1, 55, command, Carol.Id, Carol.Login));

        var calls = host.GitHub.Calls.Skip(before).ToList();
        Assert.That(calls.Count(c => c == $"GET {Repo} pulls/1/reviews"), Is.EqualTo(1), string.Join("\n", calls));
        Assert.That(calls.Count(c => c == $"GET {Repo} pulls/1"), Is.EqualTo(1), string.Join("\n", calls));
        var latest = repository.CheckRunsOn(pr.HeadSha).Last();
        Assert.That((latest.Conclusion, latest.Title), Is.EqualTo(("success", "Overridden by @carol")));
    }
}
