using Bot.Evidence.Inbox;
using Bot.FakeGitHub;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using static Bot.FakeGitHub.FakeUsers;

namespace Bot.Tests.Overrides;

/// <summary>policy.md §7 "Binding and replay": a delivery only points at a comment. What is granted is what GitHub holds
/// under that comment id, for the head the approver saw, once.</summary>
public sealed partial class OverrideScenarioTests
{
    private const string Command = $"/ai-compliance override {Reason}";

    /// <summary>GitHub's times are whole seconds: wait until the clock has passed <paramref name="time"/>, so that whatever the
    /// bot records next is later than it.</summary>
    private static async Task PassAsync(DateTimeOffset time)
    {
        while (DateTimeOffset.UtcNow <= time)
            await Task.Delay(50);
    }

    /// <summary>Alice pushes a commit that keeps the check failing; the synchronize delivery is processed.</summary>
    private async Task<string> PushAsync()
    {
        var head = "e".PadRight(40, '5');
        _bot.GitHub.AddCommit(_pr, head, "Follow-up\n\nAI-Assisted: Cursor 0.45\n", Alice);
        _bot.GitHub.SetHead(_pr, head);
        await DeliverAsync("pull_request", WebhookPayloads.PullRequest("synchronize", Repo, 1, head));
        return head;
    }

    private long OverrideRecords()
    {
        using var connection = new SqliteConnection($"Data Source={_bot.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM overrides";
        return (long)command.ExecuteScalar()!;
    }

    private string LastReply() => RenderedText.Visible(_bot.GitHub.Comments(Repo)[^1].Body);

    [Test]
    public async Task A_comment_first_delivered_after_a_push_grants_nothing_and_the_new_head_is_judged_normally()
    {
        // Carol approves the head she sees; GitHub's delivery of her comment does not get through (the bot is down, say).
        var comment = _bot.GitHub.AddComment(Repo, 1, Carol, Command, createdAt: DateTimeOffset.UtcNow.AddSeconds(1));
        await PassAsync(comment.CreatedAt);
        var newHead = await PushAsync();

        // The signed delivery arrives (re-sent, under a new delivery id) once the head has moved on.
        await DeliverAsync("issue_comment", WebhookPayloads.PullRequestComment(Repo, 1, comment.Id, Command, Carol.Id, Carol.Login));

        Assert.That(OverrideRecords(), Is.Zero);
        var run = LatestRun(newHead);
        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(run.Title, Is.EqualTo("1 rule failed: declaration"));
        Assert.That(LastReply(), Does.Contain("the pull request's head changed after the comment was written"));
    }

    [Test]
    public async Task A_granted_comment_replayed_under_a_new_delivery_id_after_a_push_adds_nothing()
    {
        var comment = await CommentAsync(Carol, Command);
        var firstHead = _pr.HeadSha;
        Assert.That(LatestRun(firstHead).Conclusion, Is.EqualTo("success"));
        var newHead = await PushAsync();

        await DeliverAsync("issue_comment", WebhookPayloads.PullRequestComment(Repo, 1, comment.Id, Command, Carol.Id, Carol.Login));

        Assert.That(OverrideRecords(), Is.EqualTo(1));
        Assert.That(await _bot.Store.Overrides.ActiveAsync(Repo, 1, newHead), Is.Null);
        Assert.That(LatestRun(newHead).Conclusion, Is.EqualTo("failure"));
    }

    [Test]
    public async Task A_comment_deleted_before_it_is_processed_grants_nothing()
    {
        var comment = _bot.GitHub.AddComment(Repo, 1, Carol, Command, createdAt: DateTimeOffset.UtcNow.AddSeconds(1));
        _bot.GitHub.DeleteComment(comment.Id);

        await DeliverAsync("issue_comment", WebhookPayloads.PullRequestComment(Repo, 1, comment.Id, Command, Carol.Id, Carol.Login));

        Assert.That(OverrideRecords(), Is.Zero);
        Assert.That(LatestRun(_pr.HeadSha).Conclusion, Is.EqualTo("failure"));
        Assert.That(_bot.Log.Entries.Any(e => e.Message.Contains("Nothing granted", StringComparison.Ordinal) && e.Message.Contains("deleted", StringComparison.Ordinal)),
            Is.True, "the log says that nothing was granted and why");
        Assert.That(LastReply(), Does.Contain("the comment was deleted before it was processed"));
    }

    [Test]
    public async Task A_comment_edited_before_it_is_processed_grants_nothing()
    {
        var comment = _bot.GitHub.AddComment(Repo, 1, Carol, Command, createdAt: DateTimeOffset.UtcNow.AddSeconds(1));
        _bot.GitHub.EditComment(comment.Id, "On second thought: please fix the description instead.");

        await DeliverAsync("issue_comment", WebhookPayloads.PullRequestComment(Repo, 1, comment.Id, Command, Carol.Id, Carol.Login));

        Assert.That(OverrideRecords(), Is.Zero);
        Assert.That(LatestRun(_pr.HeadSha).Conclusion, Is.EqualTo("failure"));
        Assert.That(LastReply(), Does.Contain("edited"));
    }

    [Test]
    public async Task The_same_comment_delivered_twice_at_once_records_one_override()
    {
        var comment = _bot.GitHub.AddComment(Repo, 1, Carol, Command, createdAt: DateTimeOffset.UtcNow.AddSeconds(1));
        // Both deliveries are held at the comment read, past the "already recorded?" check, and then let go together.
        var arrived = 0;
        var release = new TaskCompletionSource();
        _bot.GitHub.Faults.Enqueue(new FakeFault(0, PathContains: $"/issues/comments/{comment.Id}", HeldUntil: release.Task,
            BeforeAnswer: () => Interlocked.Increment(ref arrived)), times: 2);
        var body = WebhookPayloads.PullRequestComment(Repo, 1, comment.Id, Command, Carol.Id, Carol.Login);

        var sent = await Task.WhenAll(_bot.SendAsync("issue_comment", body), _bot.SendAsync("issue_comment", body));
        Assert.That(sent.Select(r => (int)r.StatusCode), Is.All.EqualTo(202));
        Assert.That(await BotUnderTest.EventuallyAsync(() => Volatile.Read(ref arrived) == 2), Is.True, "both deliveries read the comment");
        release.SetResult();
        Assert.That(await BotUnderTest.EventuallyAsync(async () =>
        {
            var counts = await _bot.Store.Inbox.CountByStateAsync();
            return counts[DeliveryState.Pending] == 0 && counts[DeliveryState.Processing] == 0;
        }), Is.True);

        Assert.That(OverrideRecords(), Is.EqualTo(1));
        Assert.That(_bot.GitHub.Comments(Repo).Count(c => c.Body.Contains("Exception recorded", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(LatestRun(_pr.HeadSha).Conclusion, Is.EqualTo("success"));
    }

    [Test]
    public async Task A_rule_that_fails_after_the_override_on_the_same_head_fails_the_check_again_and_is_named()
    {
        await CommentAsync(Carol, Command);
        Assert.That(LatestRun(_pr.HeadSha).Conclusion, Is.EqualTo("success"));

        // The description is edited: the data-handling attestation is no longer ticked, a rule the override never covered.
        _bot.GitHub.SetBody(_pr, ContradictoryBody.Replace("- [x] No secrets", "- [ ] No secrets", StringComparison.Ordinal));
        await DeliverAsync("pull_request", WebhookPayloads.PullRequest("edited", Repo, 1, _pr.HeadSha));

        var run = LatestRun(_pr.HeadSha);
        Assert.That(run.Conclusion, Is.EqualTo("failure"));
        Assert.That(run.Title, Is.EqualTo("Override by @carol does not cover: attestations"));
        Assert.That(RenderedText.Visible(run.Summary), Does.Contain("Failing now and not covered: attestations"));
    }
}
