using Bot.FakeGitHub;
using Bot.Tests.Support;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Telemetry;

/// <summary>An open pull request on the fake GitHub with one commit and one file, declared as not AI-assisted and not yet
/// reviewed: its evaluation ends <c>pending</c> after the usual reads and one check run.</summary>
internal static class PlainPullRequest
{
    private const string NoAiBody = """
        - [ ] This change includes AI-assisted code
        - [x] This change does not include AI-assisted code
        """;

    public static FakePullRequest Open(BotUnderTest bot, string repository, int number, string head)
    {
        var pr = bot.GitHub.AddPullRequest(repository, number, Alice, head, body: NoAiBody);
        bot.GitHub.AddCommit(pr, head, "Plain change\n", Alice);
        bot.GitHub.AddFile(pr, "src/a.cs");
        return pr;
    }
}
