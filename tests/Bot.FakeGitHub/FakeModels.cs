namespace Bot.FakeGitHub;

/// <summary>A GitHub account. <see cref="Unlinked"/> stands for "no GitHub account linked" where a default would otherwise apply.</summary>
public sealed record FakeUser(long Id, string Login, string Type = "User")
{
    public static readonly FakeUser Unlinked = new(-1, "", "None");

    public static FakeUser Bot(long id, string login) => new(id, login, "Bot");
}

public sealed class FakeRepository
{
    internal FakeRepository(long id, string fullName, string defaultBranch, long installationId, bool isPrivate)
    {
        Id = id;
        FullName = fullName;
        DefaultBranch = defaultBranch;
        InstallationId = installationId;
        Private = isPrivate;
    }

    public long Id { get; }

    public string FullName { get; }

    public string Owner => FullName.Split('/')[0];

    public string Name => FullName.Split('/')[1];

    public string DefaultBranch { get; }

    public long InstallationId { get; }

    public bool Private { get; }

    internal List<FakePullRequest> PullRequests { get; } = [];

    internal Dictionary<(string Path, string Ref), string> Contents { get; } = [];

    internal List<FakeCheckRun> CheckRuns { get; } = [];

    internal List<FakeCommitStatus> Statuses { get; } = [];

    internal Dictionary<(string Base, string Head), FakeComparison> Comparisons { get; } = [];

    /// <summary>GitHub's <c>pushed_at</c>: the last push to any branch (the commit graph, FakeGitHubServer.History.cs, moves it).</summary>
    public DateTimeOffset PushedAt { get; internal set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

public sealed class FakePullRequest
{
    internal FakePullRequest(FakeRepository repository, int number) => (Repository, Number) = (repository, number);

    public FakeRepository Repository { get; }

    public int Number { get; }

    public string Title { get; internal set; } = "";

    public string? Body { get; internal set { field = value; Touch(); } }

    public FakeUser Author { get; internal set; } = FakeUser.Unlinked;

    public bool Draft { get; internal set; }

    public string BaseRef { get; internal set { field = value; Touch(); } } = "";

    public string HeadRef { get; internal set; } = "";

    public string HeadSha { get; internal set { field = value; Touch(); } } = "";

    public string State { get; internal set { field = value; Touch(); } } = "open";

    public bool Merged { get; internal set { field = value; Touch(); } }

    /// <summary>GitHub's <c>updated_at</c>: moves on every change of the pull request (a push, an edit, a state change,
    /// a review), so the newest of the last such change and the last review.</summary>
    public DateTimeOffset UpdatedAt
    {
        get
        {
            var reviewed = Reviews.Max(r => r.SubmittedAt);
            return reviewed > _touched ? reviewed.Value : _touched;
        }
    }

    private DateTimeOffset _touched;

    /// <summary>Records a change of the pull request at <paramref name="at"/> (default: now).</summary>
    internal void Touch(DateTimeOffset? at = null) => _touched = at ?? DateTimeOffset.UtcNow;

    /// <summary>The commit that landed on the base branch (squash, merge or rebase tip); the PRs-for-commit route finds the PR by it.</summary>
    public string? MergeCommitSha { get; internal set; }

    /// <summary>When it merged (<see cref="FakeGitHubServer.Merge"/>); null: GitHub's answer shows a fixed time.</summary>
    public DateTimeOffset? MergedAt { get; internal set; }

    public FakeUser? MergedBy { get; internal set; }

    /// <summary>The commits its merge added to the base branch: the PRs-for-commit route finds the pull request by them too.</summary>
    internal HashSet<string> LandedShas { get; } = new(StringComparer.Ordinal);

    internal List<FakeCommit> Commits { get; } = [];

    internal List<FakeReview> Reviews { get; } = [];

    internal List<FakeFile> Files { get; } = [];
}

public sealed record FakeCommit(
    string Sha,
    string Message,
    string AuthorName,
    string AuthorEmail,
    FakeUser? AuthorUser,
    string CommitterName,
    string CommitterEmail,
    FakeUser? CommitterUser,
    IReadOnlyList<string> Parents,
    DateTimeOffset Date);

public sealed record FakeReview(long Id, FakeUser? User, string State, string? CommitId, DateTimeOffset? SubmittedAt, string? Body);

public sealed record FakeFile(string Filename, string Status = "modified", string? PreviousFilename = null);

/// <summary>A check run as the bot left it (a copy; later updates do not change it).</summary>
public sealed record FakeCheckRun(
    long Id,
    string Name,
    string HeadSha,
    string Status,
    string? Conclusion,
    string? ExternalId,
    string? DetailsUrl,
    string? Title,
    string? Summary,
    string? Text,
    long AppId,
    string? StartedAt,
    string? CompletedAt,
    int UpdateCount);

public sealed record FakeCommitStatus(long Id, string Sha, string State, string Context, string? Description, string? TargetUrl);

internal sealed record FakeComparison(string Status, IReadOnlyList<FakeCommit> Commits, IReadOnlyList<FakeFile> Files);
