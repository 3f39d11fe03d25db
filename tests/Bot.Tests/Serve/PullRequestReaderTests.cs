using Bot.Core.Model;
using Bot.Serve.Evaluation;

namespace Bot.Tests.Serve;

/// <summary>The check that a commit list is the history of the head that was read (policy.md §1), whatever order GitHub
/// lists the commits in.</summary>
public sealed class PullRequestReaderTests
{
    private static CommitInfo Commit(string sha, params string[] parents) =>
        new(sha, "m", new GitIdentity("a", "a@example.com"), new GitIdentity("a", "a@example.com"), null, null, parents.Length, parents);

    private static PullRequestInfo Head(string sha, int? commits = null) =>
        new(1, "t", new GitHubUser(1, "alice"), null, false, "main", sha, CommitCount: commits);

    [Test]
    public void A_list_ends_at_the_head_when_the_head_is_its_only_tip_in_any_order()
    {
        IReadOnlyList<CommitInfo> commits = [Commit("c3", "c2", "main-tip"), Commit("c1", "base"), Commit("c2", "c1")];

        Assert.That(PullRequestReader.EndsAt(commits, Head("c3")), Is.True, "a merge of the base branch names a parent outside the list");
        Assert.That(PullRequestReader.EndsAt(commits, Head("c2")), Is.False, "c3 came after the head that was read");
    }

    [Test]
    public void A_list_from_a_rewritten_history_does_not_end_at_the_head_that_was_read()
    {
        IReadOnlyList<CommitInfo> forcePushed = [Commit("x1", "base"), Commit("x2", "x1")];

        Assert.That(PullRequestReader.EndsAt(forcePushed, Head("c2")), Is.False);
    }

    [Test]
    public void An_empty_list_ends_at_the_head_only_when_the_pull_request_has_no_commits()
    {
        Assert.That(PullRequestReader.EndsAt([], Head("c1", commits: 0)), Is.True);
        Assert.That(PullRequestReader.EndsAt([], Head("c1", commits: 3)), Is.False);
    }

    [Test]
    public void Without_parent_shas_the_newest_last_order_is_what_can_be_checked()
    {
        var plain = new CommitInfo("c1", "m", new GitIdentity("a", "a@example.com"), new GitIdentity("a", "a@example.com"), null, null);
        var head = plain with { Sha = "c2" };

        Assert.That(PullRequestReader.EndsAt([plain, head], Head("c2")), Is.True);
        Assert.That(PullRequestReader.EndsAt([head, plain], Head("c2")), Is.False);
    }
}
