using System.Text.Json;
using Bot.FakeGitHub;
using Bot.Tests.Support;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Serve;

/// <summary><c>GitHub:WebFlowUserId</c> reaches the evaluator: on a GitHub Enterprise Server whose <c>web-flow</c> has
/// another id, that id is the one excepted from the contributors, and github.com's id is just another account.</summary>
public sealed class WebFlowSettingTests
{
    private const string Repo = "acme/ghes";
    private const long EnterpriseWebFlowId = 77;
    private static readonly FakeUser GitHubComWebFlow = new(19864447, "web-flow");

    [Test]
    public async Task The_configured_web_flow_id_is_excepted_and_no_other()
    {
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["GitHub:WebFlowUserId"] = "77" });
        bot.GitHub.AddRepository(Repo);
        var serversOwn = bot.GitHub.AddPullRequest(Repo, 1, Alice, new string('1', 40));
        bot.GitHub.AddCommit(serversOwn, new string('1', 40), "Apply suggestion\n", Alice, committer: new FakeUser(EnterpriseWebFlowId, "web-flow"));
        var githubComs = bot.GitHub.AddPullRequest(Repo, 2, Alice, new string('2', 40));
        bot.GitHub.AddCommit(githubComs, new string('2', 40), "Apply suggestion\n", Alice, committer: GitHubComWebFlow);

        await bot.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 1, new string('1', 40)));
        await bot.DeliverAndDrainAsync("pull_request", WebhookPayloads.PullRequest("opened", Repo, 2, new string('2', 40)));

        Assert.That(await ContributorIdsAsync(bot, 1), Is.EqualTo(new[] { Alice.Id }));
        Assert.That(await ContributorIdsAsync(bot, 2), Is.EqualTo(new[] { Alice.Id, GitHubComWebFlow.Id }));
    }

    private static async Task<long[]> ContributorIdsAsync(BotUnderTest bot, int number)
    {
        Assert.That(await BotUnderTest.EventuallyAsync(async () => await bot.Store.Decisions.LatestAsync(Repo, number) is not null), Is.True);
        var decision = await bot.Store.Decisions.LatestAsync(Repo, number);
        return [.. JsonDocument.Parse(decision!.Record.ContributorsJson).RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetInt64())];
    }
}
