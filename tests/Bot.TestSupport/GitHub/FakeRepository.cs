using System.Collections.Concurrent;
using Bot.Core.Model;
using Bot.GitHub.Rest;

namespace Bot.TestSupport.GitHub;

/// <summary>One repository of <see cref="InMemoryGitHub"/>: its files per branch, pull requests, check runs and comments.</summary>
public sealed class FakeRepository(string fullName, string defaultBranch)
{
    private long _nextId = 1000;

    public string FullName { get; } = fullName;

    public string Owner => FullName[..FullName.IndexOf('/', StringComparison.Ordinal)];

    public string Name => FullName[(FullName.IndexOf('/', StringComparison.Ordinal) + 1)..];

    public string DefaultBranch { get; } = defaultBranch;

    public ConcurrentDictionary<int, FakePullRequest> PullRequests { get; } = new();

    /// <summary>(path, branch) -> text.</summary>
    public ConcurrentDictionary<(string Path, string Branch), string> Files { get; } = new();

    public ConcurrentQueue<CheckRunInfo> CheckRuns { get; } = new();

    /// <summary>Comments the bot posted: (pull request number, body).</summary>
    public ConcurrentQueue<(int Number, string Body)> PostedComments { get; } = new();

    public ConcurrentDictionary<long, IssueCommentInfo> IssueComments { get; } = new();

    /// <summary>commit SHA -> the pull requests GitHub lists for it.</summary>
    public ConcurrentDictionary<string, List<int>> CommitPullRequests { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The policy file <c>.github/ai-compliance.yml</c> on <paramref name="branch"/> (default: the default branch).</summary>
    public FakeRepository WithPolicy(string yaml, string? branch = null)
    {
        Files[(".github/ai-compliance.yml", branch ?? DefaultBranch)] = yaml;
        return this;
    }

    /// <summary>A pull request by <paramref name="author"/> into the default branch; add commits, reviews and files to it.</summary>
    public FakePullRequest PullRequest(int number, GitHubUser author, string? body = null)
    {
        var pullRequest = new FakePullRequest(new PullRequestInfo(number, $"Change {number}", author, body, false, DefaultBranch,
            $"{number:x4}".PadRight(40, 'a'), BaseDefaultBranch: DefaultBranch));
        PullRequests[number] = pullRequest;
        return pullRequest;
    }

    public IEnumerable<CheckRunInfo> CheckRunsOn(string headSha) => CheckRuns.Where(run => run.HeadSha == headSha);

    internal long NextId() => Interlocked.Increment(ref _nextId);

    internal RepositoryInfo Info => new(1, Owner, Name, FullName, DefaultBranch, false);
}
