using Bot.Core.Model;

namespace Bot.TestSupport.GitHub;

/// <summary>A pull request of a <see cref="FakeRepository"/>, built fluently: <c>.Commit(...).ApprovedBy(...).File(...)</c>.</summary>
public sealed class FakePullRequest(PullRequestInfo info)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly object _lock = new();
    private readonly List<CommitInfo> _commits = [];
    private readonly List<ReviewInfo> _reviews = [];
    private readonly List<ChangedFile> _files = [];

    public PullRequestInfo Info { get; private set; } = info;

    public int Number => Info.Number;

    public string HeadSha => Info.HeadSha;

    /// <summary>A commit by the pull request's author with <paramref name="message"/> (trailers included); it becomes the head.</summary>
    public FakePullRequest Commit(string message, GitHubUser? author = null)
    {
        lock (_lock)
        {
            var user = author ?? Info.Author;
            var identity = new GitIdentity(user.Login, $"{user.Login}@example.com");
            var sha = $"{Info.Number:x4}{_commits.Count + 1:x4}".PadRight(40, 'c');
            _commits.Add(new CommitInfo(sha, message, identity, identity, user, user, CommittedAt: Start.AddMinutes(_commits.Count)));
            Info = Info with { HeadSha = sha, CommitCount = _commits.Count };
        }
        return this;
    }

    /// <summary>A review of the current head: <c>APPROVED</c>, <c>CHANGES_REQUESTED</c>, <c>COMMENTED</c> or <c>DISMISSED</c>.</summary>
    public FakePullRequest Review(GitHubUser reviewer, string state = "APPROVED")
    {
        lock (_lock)
            _reviews.Add(new ReviewInfo(7000 + _reviews.Count + 1, reviewer, state, Info.HeadSha, Start.AddHours(1 + _reviews.Count)));
        return this;
    }

    public FakePullRequest ApprovedBy(GitHubUser reviewer) => Review(reviewer);

    public FakePullRequest File(string path, string status = "modified")
    {
        lock (_lock)
        {
            _files.Add(new ChangedFile(path, status));
            Info = Info with { ChangedFileCount = _files.Count };
        }
        return this;
    }

    public FakePullRequest Body(string body)
    {
        lock (_lock) Info = Info with { Body = body };
        return this;
    }

    /// <summary>Closed, merged or not.</summary>
    public FakePullRequest Closed(bool merged = false)
    {
        lock (_lock) Info = Info with { State = "closed", Merged = merged };
        return this;
    }

    public IReadOnlyList<CommitInfo> Commits { get { lock (_lock) return [.. _commits]; } }

    public IReadOnlyList<ReviewInfo> Reviews { get { lock (_lock) return [.. _reviews]; } }

    public IReadOnlyList<ChangedFile> Files { get { lock (_lock) return [.. _files]; } }
}
