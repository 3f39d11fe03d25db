using Bot.Evidence.Changes;
using Bot.Tests.MergeQueue;
using static Bot.Tests.Host.HostUnderTest;
using static Bot.Tests.Host.Users;
using static Bot.Tests.Population.PopulationPayloads;

namespace Bot.Tests.Host;

/// <summary>The handlers whose work is not an evaluation: push (the change population) and merge_group (the queue's check).</summary>
public sealed class ChangeAndQueueHandlerTests
{
    private static readonly string Before = new('b', 40);
    private static readonly string Direct = new('d', 40);

    private HostUnderTest _host = null!;

    [SetUp]
    public void SetUp() => _host = HostUnderTest.Start();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task A_direct_push_to_the_default_branch_joins_the_change_population()
    {
        _host.GitHub.Repository(Repo);

        await _host.DeliverAsync("push", Push(Repo, "main", Before, Direct, [new PushedCommit(Direct, "Tweak config\n\nAI-Assisted: no\n", "mallory")], "mallory"));

        Assert.That(await _host.Changes.ExistsAsync(Repo, "main", ChangeKinds.DirectPush, Direct), Is.True);
    }

    [Test]
    public async Task A_push_to_a_feature_branch_records_nothing()
    {
        _host.GitHub.Repository(Repo);

        await _host.DeliverAsync("push", Push(Repo, "topic", Before, Direct, [new PushedCommit(Direct, "wip\n", "alice")], "alice"));

        Assert.That(await _host.Changes.ExistsAsync(Repo, "topic", ChangeKinds.DirectPush, Direct), Is.False);
        Assert.That(await _host.CountAsync(Bot.Evidence.Inbox.DeliveryState.Processed), Is.EqualTo(1));
    }

    [Test]
    public async Task A_merge_group_holding_a_pull_request_never_decided_fails_its_check()
    {
        var pr = _host.GitHub.Repository(Repo).PullRequest(1, Alice).Commit("Add ledger\n\nAI-Assisted: no\n");
        var groupHead = new string('9', 40);

        await _host.DeliverAsync("merge_group", MergeGroupPayloads.ChecksRequested(Repo, groupHead, Before, 1, pr.HeadSha));

        var runs = _host.GitHub.Repository(Repo).CheckRunsOn(groupHead).ToList();
        Assert.That(runs.Select(r => r.Conclusion), Is.EqualTo(new[] { "failure" }));
        Assert.That(_host.GitHub.Repository(Repo).CheckRunsOn(pr.HeadSha), Is.Empty, "the queue's check is the group's, not the pull request's");
    }
}
