namespace Bot.FakeGitHub;

/// <summary>Merge queue groups: the commits of <c>base_sha...head_sha</c> (served by the compare route), the commits GitHub
/// makes when it merges queued pull requests, and commits GitHub lists for a pull request although they are not among
/// its own (squashed or rebased copies).</summary>
public sealed partial class FakeGitHubServer
{
    /// <summary>GitHub's own account, the committer of what GitHub commits (merges, squashes, rebases).</summary>

    private static readonly DateTimeOffset QueueTime = new(2024, 1, 4, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<(string Repo, string Sha), List<int>> _associated = [];

    /// <summary>The merge commit GitHub makes when the queue merges <paramref name="pr"/> onto <paramref name="onto"/>
    /// (the base, or the previous entry of the group): authored by the person who queued it, committed by web-flow.</summary>
    public static FakeCommit GitHubMergeCommit(string sha, string onto, FakePullRequest pr, FakeUser queuedBy) =>
        new(sha, $"Merge pull request #{pr.Number} from {pr.Repository.Owner}/{pr.HeadRef}\n\n{pr.Title}",
            queuedBy.Login, $"{queuedBy.Login}@example.com", queuedBy, "GitHub", "noreply@github.com", WebFlow,
            [onto, pr.HeadSha], QueueTime);

    /// <summary>A single-parent commit, e.g. one GitHub writes with the squash method (pass <see cref="WebFlow"/> as
    /// <paramref name="committer"/>) or one no pull request holds.</summary>
    public static FakeCommit LooseCommit(string sha, string parent, string message, FakeUser author, FakeUser? committer = null) =>
        new(sha, message, author.Login, $"{author.Login}@example.com", author,
            (committer ?? author).Login, $"{(committer ?? author).Login}@example.com", committer ?? author, [parent], QueueTime);

    /// <summary>The group <paramref name="baseSha"/>...<paramref name="headSha"/> holds <paramref name="commits"/>, oldest first.</summary>
    public void QueueMergeGroup(string repo, string baseSha, string headSha, IEnumerable<FakeCommit> commits) =>
        SetCompare(repo, baseSha, headSha, "ahead", commits);

    /// <summary>"Pull requests for a commit" lists <paramref name="pr"/> for <paramref name="sha"/> as well.</summary>
    public void AssociateCommit(FakePullRequest pr, string sha)
    {
        lock (_gate)
        {
            var key = (pr.Repository.FullName.ToLowerInvariant(), sha);
            if (!_associated.TryGetValue(key, out var numbers))
                _associated[key] = numbers = [];
            numbers.Add(pr.Number);
        }
    }

    /// <summary>Called under the lock by the pulls-for-commit route.</summary>
    private bool IsAssociated(FakePullRequest pr, string sha) =>
        _associated.TryGetValue((pr.Repository.FullName.ToLowerInvariant(), sha), out var numbers) && numbers.Contains(pr.Number);
}
